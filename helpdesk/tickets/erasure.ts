// Erasing a person from a ticket they did not open (one they reported,
// followed, worked on or wrote in): the fields that name them or hold
// their words, as one partial update. A ticket they opened is purged
// whole instead (use_cases/changes/ticket_purge.ts). Plain data in, plain
// data out.
import type { Ticket } from "./model.ts";
import { decodeEntry } from "./history_view.ts";
import { encodeEntry } from "./ticket_history.ts";

/** History kinds whose values are the changer's own words. */
const WORDS = new Set(["edit", "reply", "approval", "rating"]);

/**
 * The fields to set so the ticket no longer names `person` nor keeps what
 * they wrote: "" clears a text field and [] a list (a partial update can't
 * unset). Empty when there is nothing of theirs left.
 */
export function erasedFields(
  ticket: Ticket,
  person: string,
): Partial<Omit<Ticket, "id" | "holds">> {
  const fields: Record<string, unknown> = {};
  if (ticket.reporter === person) fields.reporter = "";
  if (ticket.assignee === person) fields.assignee = "";
  if (ticket.approval_by === person) {
    fields.approval_by = "";
    fields.approval_reason = "";
  }
  for (const list of ["followers", "writers"] as const) {
    const kept = (ticket[list] ?? []).filter((p) => p !== person);
    if (kept.length !== (ticket[list] ?? []).length) fields[list] = kept;
  }
  const comments = (ticket.jsm_comments ?? []).filter((json) => {
    try {
      return JSON.parse(json)?.author !== person;
    } catch {
      return true;
    }
  });
  if (comments.length !== (ticket.jsm_comments ?? []).length) {
    fields.jsm_comments = comments;
  }
  // Messages kept for the scheduled check (slack/workspace/outbox.ts) that
  // name them (their words come with their name) or go to them.
  const outbox = (ticket.outbox ?? []).filter((json) =>
    !json.includes(`<@${person}>`) && !json.includes(`:"${person}"`)
  );
  if (outbox.length !== (ticket.outbox ?? []).length) {
    fields.outbox = outbox;
    fields.outbox_due = outbox.length > 0;
  }
  let historyChanged = false;
  const history = (ticket.history ?? []).map((text) => {
    const entry = decodeEntry(text);
    if (!entry) return text;
    const theirs = entry.by === person;
    const named = entry.from === person || entry.to === person;
    if (!theirs && !named) return text;
    historyChanged = true;
    const { by: _by, from, to, ...rest } = entry;
    const keepValues = !theirs || !WORDS.has(entry.kind);
    return encodeEntry({
      ...rest,
      ...(theirs ? {} : { by: entry.by }),
      ...(keepValues && from !== undefined
        ? { from: from === person ? "" : from }
        : {}),
      ...(keepValues && to !== undefined
        ? { to: to === person ? "" : to }
        : {}),
    });
  });
  if (historyChanged) fields.history = history;
  // Replaced, not cleared: Similar… would say no reply was ever sent.
  if (
    ticket.last_reply && ticket.last_reply !== ERASED_MESSAGE &&
    wroteLastReply(ticket, person)
  ) {
    fields.last_reply = ERASED_MESSAGE;
  }
  return fields as Partial<Omit<Ticket, "id" | "holds">>;
}

/**
 * Whether the ticket's last reply (the answer Similar… and the suggestions
 * quote) is the person's words: its history's newest reply entry is theirs.
 * With that entry gone from the kept history, it is taken as theirs when
 * they wrote in the ticket or worked it: an answer erased on a doubt costs
 * a suggestion its quote, one kept on a doubt keeps their words.
 */
function wroteLastReply(ticket: Ticket, person: string): boolean {
  const replies = (ticket.history ?? [])
    .map(decodeEntry)
    .filter((entry) => entry?.kind === "reply");
  const newest = replies.at(-1);
  if (newest) return newest.by === person;
  return ticket.assignee === person ||
    (ticket.writers ?? []).includes(person);
}

/** What replaces a message of Helpdesk's that carried a person's words. */
export const ERASED_MESSAGE =
  "removed at the request of the person it named or quoted";

/** A person's erasure, as asked and as far as it has gone. */
export interface Erasure {
  /** Whose name and words go. */
  user: string;
  /** The admin who asked, who gets the receipt. */
  by: string;
  requested_at: number;
  /**
   * "open": the open work index's tickets are being looked at (from after
   * `cursor`); "closed": those of the closed-tickets index; "recent": the
   * open ones changed since `since` (a revision), for what the person
   * opened or wrote in while it ran; "receipt": all done, the admin's
   * receipt to send; "done": sent.
   */
  stage: "open" | "closed" | "recent" | "receipt" | "done";
  cursor?: string;
  /** The revision from which the current last look covers changes. */
  since?: string;
  /** The newest revision when that look began: where the next starts. */
  next_since?: string;
  /** Last looks begun, when the last began, and whether it found theirs. */
  passes?: number;
  looked_at?: number;
  found?: boolean;
  /** MAX_PASSES looks all found theirs: the receipt says so. */
  unsettled?: boolean;
  /** Keys of the tickets they opened, purged (the first hundred). */
  purged: string[];
  /** Keys of tickets they wrote in, worked on or followed, cleaned. */
  cleaned: string[];
  counts: { purged: number; cleaned: number };
  /** Keys of tickets that failed (told in the receipt), and their ids. */
  failed?: string[];
  skipped?: string[];
  /** Failed tries by ticket id, for those not yet given up. */
  attempts?: Record<string, number>;
  /** Helpdesk's messages replaced. */
  replaced: number;
  /** Messages they posted themselves, which Helpdesk can't edit. */
  uneditable: number;
  finished_at?: number;
}
