// What a JSM automation rule's "Send web request" posts to Helpdesk's webhook
// trigger, checked before anything else is done with it. The body is written
// by whoever set up the rule (and the URL can leak), so every field may be
// missing, of the wrong JSON type, or huge: each is checked for its type and
// length first, without throwing, and anything wrong is refused as a whole
// with a sentence saying which field and why. Values are never echoed back
// (the secret least of all).

/** Longest accepted value of each field, in characters. */
export const WEBHOOK_LIMITS = {
  secret: 256,
  issue_key: 64,
  status: 255,
  /** Jira's own limit for a comment body. */
  comment: 32_767,
  comment_author: 255,
  comment_id: 64,
  comment_public: 5,
  event_at: 64,
  /** Up to 10 ids, e.g. "10042, 10043" ({{attachment.id}} or a list). */
  attachment_ids: 200,
  attachment_public: 5,
} as const;

/** The most attachments one delivery passes on. */
export const MAX_WEBHOOK_ATTACHMENTS = 10;

export type WebhookField = keyof typeof WEBHOOK_LIMITS;

export interface JsmWebhookUpdate {
  secret: string;
  issueKey: string;
  status?: string;
  /** When JSM says the issue changed ({{issue.updated}}), as sent. */
  eventAt?: string;
  comment?: {
    /** JSM's comment id ({{comment.id}}), when the rule sends it. */
    id?: string;
    body: string;
    author: string;
    isPublic: boolean;
  };
  /** JSM attachments added to the request, to copy to Slack. */
  attachments?: {
    ids: string[];
    /** As a comment: public unless the rule says "false". */
    isPublic: boolean;
  };
}

export type WebhookReading =
  | { ok: true; update: JsmWebhookUpdate }
  | { ok: false; reason: string };

const REQUIRED: readonly WebhookField[] = ["secret", "issue_key"];

/**
 * Reads the webhook's inputs. Only the shape is checked here; the secret is
 * compared next (integrations/jsm/webhook_secret.ts), and only then is the
 * issue key's form checked (issueKeyProblem), so that nobody without the
 * secret learns what Helpdesk expects.
 */
export function readJsmWebhook(
  inputs: Readonly<Record<string, unknown>>,
): WebhookReading {
  const text: Partial<Record<WebhookField, string>> = {};
  for (const field of Object.keys(WEBHOOK_LIMITS) as WebhookField[]) {
    const value = inputs[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      return refuse(
        `"${field}" must be text (a JSON string in quotes), not ${
          kindOf(value)
        }.`,
      );
    }
    const limit = WEBHOOK_LIMITS[field];
    // Code points, as people count; a string over twice the limit in UTF-16
    // units is too long whatever it holds, and is not spread to find out.
    const length = value.length > 2 * limit ? value.length : [...value].length;
    if (length > limit) {
      return refuse(
        `"${field}" is ${length} characters long; Helpdesk accepts at most ${limit}.`,
      );
    }
    if (value.trim() !== "") text[field] = value;
  }
  for (const field of REQUIRED) {
    if (text[field] === undefined) return refuse(`"${field}" is missing.`);
  }
  const visibility = text.comment_public?.trim().toLowerCase();
  if (
    visibility !== undefined && visibility !== "true" && visibility !== "false"
  ) {
    return refuse(`"comment_public" must be "true" or "false".`);
  }
  const commentId = text.comment_id?.trim();
  if (commentId !== undefined && !/^[A-Za-z0-9_-]+$/.test(commentId)) {
    return refuse(
      `"comment_id" must be JSM's comment id, like "10042" ({{comment.id}}).`,
    );
  }
  const attachmentVisibility = text.attachment_public?.trim().toLowerCase();
  if (
    attachmentVisibility !== undefined && attachmentVisibility !== "true" &&
    attachmentVisibility !== "false"
  ) {
    return refuse(`"attachment_public" must be "true" or "false".`);
  }
  const attachmentIds = text.attachment_ids
    ?.split(/[\s,]+/).filter((id) => id !== "");
  if (attachmentIds?.some((id) => !/^\d{1,18}$/.test(id))) {
    return refuse(
      `"attachment_ids" must be JSM attachment ids like "10042", separated by commas ({{attachment.id}}).`,
    );
  }
  if (attachmentIds && attachmentIds.length > MAX_WEBHOOK_ATTACHMENTS) {
    return refuse(
      `"attachment_ids" names ${attachmentIds.length} attachments; Helpdesk takes at most ${MAX_WEBHOOK_ATTACHMENTS} at once.`,
    );
  }
  return {
    ok: true,
    update: {
      secret: text.secret!,
      issueKey: text.issue_key!.trim(),
      status: text.status?.trim() || undefined,
      eventAt: text.event_at?.trim() || undefined,
      comment: text.comment !== undefined
        ? {
          id: commentId,
          body: text.comment,
          author: text.comment_author?.trim() ?? "",
          // Only an explicit "false" keeps a comment from the requester, so
          // the rule must say so for internal comments (see docs/jsm-and-connectors.md).
          isPublic: visibility !== "false",
        }
        : undefined,
      attachments: attachmentIds?.length
        ? {
          ids: [...new Set(attachmentIds)],
          // Like a comment's; with a comment, the comment's visibility.
          isPublic: (attachmentVisibility ?? visibility) !== "false",
        }
        : undefined,
    },
  };
}

/** A JSM request key like IT-12; anything else is a rule's mistake. */
export function issueKeyProblem(issueKey: string): string | undefined {
  return /^[A-Z][A-Z0-9_]*-\d+$/.test(issueKey)
    ? undefined
    // Quoted as JSON, so that a line break in it can't fake a log line.
    : `${
      JSON.stringify(issueKey)
    } is not a JSM request key like IT-12: check the rule's issue_key, which should be {{issue.key}}.`;
}

/**
 * What makes one delivery the same event as another, so that JSM sending it
 * again changes nothing: a comment by its id (or, without one, by its author
 * and text), a status change by its status and when it happened. A status
 * sent without its time has no identity: repeating the status Helpdesk
 * already has changes nothing anyway.
 */
export async function eventIdentity(
  update: JsmWebhookUpdate,
): Promise<string | undefined> {
  if (update.comment) {
    const id = update.comment.id ??
      `text-${await sha256(
        `${update.comment.author}\n${update.comment.body}`,
      )}`;
    return `comment:${update.issueKey}:${id}`;
  }
  if (update.attachments && !update.status) {
    // Each attachment is copied once anyway (copied_files): the claim only
    // keeps two deliveries of one from working at the same instant.
    return `attachments:${update.issueKey}:${
      [...update.attachments.ids].sort().join(",")
    }`;
  }
  if (update.status && update.eventAt) {
    return `status:${update.issueKey}:${await sha256(
      `${update.status}\n${update.eventAt}`,
    )}`;
  }
  return undefined;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function refuse(reason: string): WebhookReading {
  return {
    ok: false,
    reason: `JSM update refused: ${reason} Nothing changed.`,
  };
}
