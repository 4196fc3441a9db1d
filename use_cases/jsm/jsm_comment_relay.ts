// A public comment made on a JSM request, relayed to the people its ticket
// is for: the requester and the followers by DM, and the card's thread
// unless the ticket is private. Internal comments, and Helpdesk's own sent
// from Slack, go nowhere. Long comments arrive whole, in numbered parts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { isFromSlack } from "../../helpdesk/tickets/jsm_comments.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
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
  const sends: Promise<unknown>[] = [
    ticket.requester,
    ...ticket.followers ?? [],
  ].map((person) =>
    inParts(
      client,
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
    sends.push(inParts(
      client,
      { channel: ticket.card_channel, thread_ts: ticket.card_ts },
      jsmCommentReply(ticket, comment.author, comment.body),
    ));
  }
  const sent = await Promise.allSettled(sends);
  const failed = sent.filter((s) => s.status === "rejected");
  // Nothing shown anywhere: not relayed, so a redelivery tries again.
  // Shown somewhere: relayed, and what is missing is only logged, since
  // trying again would post the comment twice where it did arrive.
  if (failed.length === sent.length) throw failed[0].reason;
  for (const failure of failed) {
    console.warn(`JSM comment on ${ticket.key} not shown everywhere`, failure);
  }
  return "comment relayed";
}

/** Long words whole, in numbered parts, in order (message_parts.ts). */
async function inParts(
  client: SlackAPIClient,
  place: { channel: string; thread_ts?: string },
  text: string,
) {
  for (const part of numberedParts(text)) {
    await slackCall(client, "chat.postMessage", {
      ...place,
      text: part,
      unfurl_links: false,
    });
  }
}
