// A public comment made on a JSM request, relayed to the people its ticket
// is for: the requester and the followers by DM, and the card's thread
// unless the ticket is private. Internal comments, and Helpdesk's own sent
// from Slack, go nowhere. Long comments arrive whole, in numbered parts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { isFromSlack } from "../../helpdesk/tickets/jsm_comments.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import {
  deliver,
  type OutboxMessage,
  tellCardOfLost,
} from "../../slack/workspace/outbox.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { keepUnderLock } from "../changes/kept_messages.ts";
import {
  jsmCommentDm,
  jsmCommentReply,
} from "../../slack/blocks/jsm_messages.ts";

/** A comment as JSM's webhook sends it. */
export interface JsmComment {
  body: string;
  author: string;
  isPublic: boolean;
}

/**
 * A JSM comment, to the requester (and the requesters of tickets merged
 * into it) by DM and (for a request that is not private) in the card's
 * thread; an internal comment, or one Helpdesk sent
 * itself, goes nowhere. What was done, for the run's result.
 */
export async function relayJsmComment(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  comment: JsmComment,
): Promise<string> {
  // Internal comments are for agents in JSM; they never reach Slack.
  if (!comment.isPublic) return "internal comment not relayed";
  // One Helpdesk sent from the ticket's conversation: already there.
  if (isFromSlack(comment.body)) return "Helpdesk's own comment not echoed";
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  // The requesters of tickets merged into this one were promised its news
  // (merge_messages.ts), and hear its answers as they do from Slack.
  const messages: OutboxMessage[] = [
    ticket.requester,
    ...ticket.followers ?? [],
  ].flatMap((person) =>
    inParts(
      { channel: person },
      jsmCommentDm(
        ticket,
        comment.author,
        comment.body,
        cardLink,
        person !== ticket.requester,
      ),
    )
  );
  // A private request's comments go only to its requester: the card's
  // thread is in a shared channel.
  if (!ticket.private && ticket.card_channel && ticket.card_ts) {
    messages.push(...inParts(
      { channel: ticket.card_channel, thread_ts: ticket.card_ts },
      jsmCommentReply(ticket, comment.author, comment.body),
    ));
  }
  // JSM does not send a comment again when this run fails (Slack answered
  // its request when the workflow started): what Slack refused for a
  // passing reason is kept on the ticket, in order, for the scheduled
  // check, so nobody it is for misses it; posted parts are never posted
  // again. Kept under the ticket's lock: this run holds none, and a change
  // saved at that moment would write over them (kept_messages.ts).
  const { failures, lost } = await deliver(
    client,
    ticket,
    messages,
    keepUnderLock,
  );
  // What will never arrive (refused for good, or not kept: the ticket
  // stayed busy) goes to the card's thread, words and all unless private.
  for (const { message, error } of lost) {
    console.warn(`JSM comment on ${ticket.key} not shown everywhere`, error);
    await tellCardOfLost(client, ticket, message, error);
  }
  // Whatever was not kept is among the lost.
  return `comment relayed${
    lost.length
      ? " (some of it not delivered)"
      : failures.length
      ? " (some of it kept for the scheduled check)"
      : ""
  }`;
}

/** Long words whole, in numbered parts, in order (message_parts.ts). */
function inParts(
  place: { channel: string; thread_ts?: string },
  text: string,
): OutboxMessage[] {
  return numberedParts(text).map((part) => ({ ...place, text: part }));
}
