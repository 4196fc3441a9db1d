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
}

/** A ticket item must stay small (Slack allows 400 KB): the oldest go. */
export const MAX_PENDING_COMMENTS = 50;

/** Marks a comment as Helpdesk's, so it is not brought back from JSM. */
export const FROM_SLACK_MARK = "(sent from Slack through Helpdesk)";

export function queueJsmComment(
  ticket: Ticket,
  comment: PendingJsmComment,
): Ticket {
  if (ticket.jsm_sync === undefined) return ticket;
  const queued = [
    ...ticket.jsm_comments ?? [],
    JSON.stringify({ ...comment, at: comment.at ?? ticket.updated_at }),
  ];
  return { ...ticket, jsm_comments: queued.slice(-MAX_PENDING_COMMENTS) };
}

export function pendingJsmComments(ticket: Ticket): PendingJsmComment[] {
  return (ticket.jsm_comments ?? []).flatMap((json) => {
    try {
      const c = JSON.parse(json);
      return typeof c?.body === "string" && typeof c?.public === "boolean"
        ? [c as PendingJsmComment]
        : [];
    } catch {
      return [];
    }
  });
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
