// A queue's saved replies: answers its agents send again and again, kept
// with a title and a text that may name the ticket's fields. Plain rules:
// what may be saved, and how a text becomes the reply for one ticket.

export interface SavedReply {
  /** Stable within its queue, so usage counts survive a new title. */
  id: string;
  title: string;
  text: string;
}

/**
 * Bounds that keep one queue's list in one datastore item (50 × ~3 KB, well
 * under Slack's 400 KB item limit) and in one static_select (100 options).
 */
export const MAX_SAVED_REPLIES = 50;
export const MAX_TITLE = 75;
/** A plain_text_input takes at most 3,000 characters. */
export const MAX_TEXT = 3000;

/** The ticket fields a text may name, each as `{field}`. */
export const PLACEHOLDERS = ["requester", "key", "summary"] as const;
export type Placeholder = typeof PLACEHOLDERS[number];

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);
// A placeholder is a word in braces: `{ key }` or `{{key}}` are plain text.
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{names}` a text uses that are no ticket field, once each. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name)) unknown.add(name);
  }
  return [...unknown];
}

/**
 * The text with each field it names filled in. Unknown names stay as they
 * were written. Values are plain text: the message they end up in escapes
 * them like any other words, so a hostile summary stays words.
 */
export function expandPlaceholders(
  text: string,
  values: Partial<Record<Placeholder, string>>,
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = KNOWN.has(name) ? values[name as Placeholder] : undefined;
    return value ?? whole;
  });
}

export interface SavedReplyForm {
  /** The reply changed or removed; absent for a new one. */
  id?: string;
  title: string;
  text: string;
  remove: boolean;
}

export type SavedReplyField = "reply" | "title" | "text";

export type SavedRepliesChange =
  | { ok: true; replies: SavedReply[]; saved?: SavedReply; removed?: string }
  | { ok: false; errors: Partial<Record<SavedReplyField, string>> };

/**
 * The queue's list after one form: a new reply added, one changed (a blank
 * title or text keeps what it was), or one removed. Every problem is named
 * under its field, and nothing is saved until all are fixed.
 */
export function changeSavedReplies(
  replies: readonly SavedReply[],
  form: SavedReplyForm,
  newId: string,
): SavedRepliesChange {
  const title = form.title.trim();
  const text = form.text.trim();
  const current = form.id ? replies.find((r) => r.id === form.id) : undefined;
  if (form.id && !current) {
    return {
      ok: false,
      errors: { reply: "That saved reply no longer exists; choose another." },
    };
  }
  if (form.remove) {
    if (!current) {
      return { ok: false, errors: { reply: "Choose the reply to remove." } };
    }
    return {
      ok: true,
      replies: replies.filter((r) => r.id !== current.id),
      removed: current.title,
    };
  }
  const errors: Partial<Record<SavedReplyField, string>> = {};
  if (!current && replies.length >= MAX_SAVED_REPLIES) {
    errors.reply =
      `A queue keeps at most ${MAX_SAVED_REPLIES} saved replies: change or remove one.`;
  }
  if (!current && !title) errors.title = "Give the reply a title.";
  if (title.length > MAX_TITLE) {
    errors.title =
      `At most ${MAX_TITLE} characters (this has ${title.length}).`;
  }
  const clash = title &&
    replies.find((r) =>
      r.id !== current?.id && r.title.toLowerCase() === title.toLowerCase()
    );
  if (clash) errors.title = `The queue already has a reply "${clash.title}".`;
  if (!current && !text) errors.text = "Write the reply's text.";
  if (text.length > MAX_TEXT) {
    errors.text = `At most ${MAX_TEXT} characters (this has ${text.length}).`;
  }
  const unknown = unknownPlaceholders(text);
  if (unknown.length) {
    errors.text = `${unknown.map((n) => `{${n}}`).join(", ")} ${
      unknown.length === 1 ? "is" : "are"
    } no ticket field: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const saved: SavedReply = {
    id: current?.id ?? newId,
    title: title || current!.title,
    text: text || current!.text,
  };
  return {
    ok: true,
    replies: current
      ? replies.map((r) => r.id === saved.id ? saved : r)
      : [...replies, saved],
    saved,
  };
}

/** A short id not yet used in the list. */
export function newSavedReplyId(
  replies: readonly SavedReply[],
  random: () => number = Math.random,
): string {
  const used = new Set(replies.map((r) => r.id));
  for (;;) {
    const id = Math.floor(random() * 36 ** 6).toString(36).padStart(6, "0");
    if (!used.has(id)) return id;
  }
}

/**
 * A short fingerprint of a list as a form opened on it. A save compares it
 * with the list as stored, so a form opened before another save (even
 * within the same second, by anyone) saves nothing over it.
 */
export function listDigest(replies: readonly SavedReply[]): string {
  // FNV-1a over the list's JSON: not a secret, only a change detector.
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(replies)) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${replies.length}.${hash.toString(36)}`;
}
