// What a ticket's conversation owes its Jira Service Management request:
// agents' replies and the requester's messages as public comments, agents'
// notes as internal ones. They wait on the ticket until the JSM sync sends
// them, in order; a ticket not mirrored in JSM keeps none.
import type { Ticket } from "./model.ts";

export interface PendingJsmComment {
  body: string;
  public: boolean;
  /** Slack user id of who wrote it. */
  author: string;
  role: "agent" | "requester" | "participant";
  /** When it was said (Unix seconds), which also tells twins apart. */
  at?: number;
  /**
   * A post of it failed in a way that may have landed (its answer lost):
   * the next attempt looks for it in JSM before posting again.
   */
  maybeSent?: boolean;
  /** When that post was sent (ms since the epoch, this runtime's clock). */
  triedAt?: number;
}

/**
 * How far JSM's clock may be behind the runtime's, for a comment made by a
 * post to count as made after it was sent (both keep network time; this
 * allows them minutes apart).
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** A ticket item must stay small (Slack allows 400 KB): the oldest go. */
export const MAX_PENDING_COMMENTS = 50;

/** Marks a comment as Helpdesk's, so it is not brought back from JSM. */
export const FROM_SLACK_MARK = "(sent from Slack through Helpdesk)";

/**
 * A Jira comment's body holds at most 32,767 characters (longer ones are
 * refused: "The entered text is too long…"); a body stays well below it,
 * room left for the line saying who wrote it.
 */
export const JSM_BODY_LIMIT = 32_000;

/** A long body in parts of at most `limit`, cut at a line or a space. */
export function jsmBodyParts(body: string, limit = JSM_BODY_LIMIT): string[] {
  const parts: string[] = [];
  let rest = body;
  while (rest.length > limit) {
    const line = rest.lastIndexOf("\n", limit);
    const space = rest.lastIndexOf(" ", limit);
    const at = line > limit / 2 ? line : space > limit / 2 ? space : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, "");
  }
  parts.push(rest);
  return parts.length === 1
    ? parts
    : parts.map((p, i) => `(part ${i + 1}/${parts.length})\n${p}`);
}

export function queueJsmComment(
  ticket: Ticket,
  comment: PendingJsmComment,
): Ticket {
  if (ticket.jsm_sync === undefined) return ticket;
  // A private ticket's words go as its request type says: internal unless
  // it asks for public comments (the customer reads them) or for none.
  const mirror = ticket.private ? ticket.private_jsm ?? "internal" : "public";
  if (mirror === "none") return ticket;
  if (mirror === "internal") comment = { ...comment, public: false };
  const at = comment.at ?? ticket.updated_at;
  const queued = [
    ...ticket.jsm_comments ?? [],
    ...jsmBodyParts(comment.body).map((body) =>
      JSON.stringify({ ...comment, body, at })
    ),
  ];
  return { ...ticket, jsm_comments: queued.slice(-MAX_PENDING_COMMENTS) };
}

export function pendingJsmComments(ticket: Ticket): PendingJsmComment[] {
  return queuedJsmComments(ticket).map((q) => q.comment);
}

/** The queue's readable entries, each with the comment it holds. */
export function queuedJsmComments(ticket: Ticket) {
  return (ticket.jsm_comments ?? []).flatMap((entry) => {
    try {
      const c = JSON.parse(entry);
      return typeof c?.body === "string" && typeof c?.public === "boolean"
        ? [{ entry, comment: c as PendingJsmComment }]
        : [];
    } catch {
      return [];
    }
  });
}

/** How copied_files records a comment Helpdesk posted in JSM. */
export function jsmCommentMark(id: string): string {
  return `jsm-comment:${id}`;
}

/**
 * The comment a post whose answer was lost made, if it did: the newest one
 * in JSM with exactly its body and visibility that is not recorded as an
 * earlier comment of Helpdesk's (a person may say the same words twice),
 * and, when both times are known, made no earlier than that post was sent
 * (less the clocks' skew): one from before, such as Helpdesk's own from a
 * version that kept no ids, is not this post's, which then goes again.
 * Its id, or undefined: then it is posted again.
 */
export function lostCommentFound(
  listed: readonly {
    id: string;
    body: string;
    public: boolean;
    createdMs?: number;
  }[],
  comment: { body: string; public: boolean; triedAt?: number },
  marks: readonly string[],
): string | undefined {
  const { triedAt } = comment;
  return listed.findLast((c) =>
    c.body === comment.body && c.public === comment.public &&
    !marks.includes(jsmCommentMark(c.id)) &&
    (triedAt === undefined || c.createdMs === undefined ||
      c.createdMs >= triedAt - CLOCK_SKEW_MS)
  )?.id;
}

/** The comment's text in JSM, which knows nobody by their Slack id. */
export function jsmCommentBody(comment: PendingJsmComment): string {
  const who = comment.role === "agent"
    ? "an agent"
    : comment.role === "requester"
    ? "the requester"
    : "someone in the requester's thread";
  return `${comment.body}\n\n— ${who} (Slack user ${comment.author}) ${FROM_SLACK_MARK}`;
}

/** Whether a comment that came back from JSM is one Helpdesk sent. */
export function isFromSlack(body: string): boolean {
  return body.trimEnd().endsWith(FROM_SLACK_MARK);
}
