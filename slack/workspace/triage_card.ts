// Posting and redrawing a ticket's card in the triage channel. Each card
// carries its ticket's id as message metadata, so that a card whose post
// answer was lost can be found again instead of posted twice.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { ticketCardBlocks, ticketCardText } from "../blocks/ticket_card.ts";
import { movedCardBlocks, movedCardText } from "../blocks/moved_card.ts";
import { cardLinkOf } from "../blocks/ticket_messages.ts";

export async function postTicketCard(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  now: number,
  /** The ticket's queue's triage channel. */
  channel = settings.triage_channel,
): Promise<{ channel: string; ts: string }> {
  const message = {
    channel,
    text: ticketCardText(ticket),
    blocks: ticketCardBlocks(ticket, controlsFrom(settings), now),
    metadata: {
      event_type: CARD_EVENT_TYPE,
      event_payload: { ticket_id: ticket.id },
    },
    unfurl_links: false,
  };
  try {
    const posted = await slackCall(client, "chat.postMessage", message);
    return { channel: posted.channel, ts: posted.ts };
  } catch (error) {
    if (!(error instanceof SlackCallError) || error.code !== "not_in_channel") {
      throw error;
    }
    // Someone removed Helpdesk from a public triage channel: join it again.
    // A private channel can't be joined, so the person is told how to
    // invite Helpdesk instead (the original not_in_channel error).
    try {
      await slackCall(client, "conversations.join", { channel });
    } catch {
      throw error;
    }
    const posted = await slackCall(client, "chat.postMessage", message);
    return { channel: posted.channel, ts: posted.ts };
  }
}

export const CARD_EVENT_TYPE = "helpdesk_ticket_card";

/** Pages of the triage channel read when looking for a lost card. */
const SEARCH_PAGES = 3;

/**
 * The card an earlier attempt posted for this ticket, if any: a message in
 * the triage channel since the ticket was saved, carrying its id.
 */
export async function findPostedCard(
  client: SlackAPIClient,
  ticket: Ticket,
  channel: string,
  /** Unix seconds; by default since the ticket was made. */
  since = ticket.created_at - 1,
): Promise<{ channel: string; ts: string } | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < SEARCH_PAGES; page++) {
    const answer = await slackCall(client, "conversations.history", {
      channel,
      oldest: String(since),
      include_all_metadata: true,
      limit: 200,
      cursor,
    });
    const card = (answer.messages ?? []).find((m: MessageWithMetadata) =>
      m.metadata?.event_type === CARD_EVENT_TYPE &&
      m.metadata.event_payload?.ticket_id === ticket.id
    );
    if (card) return { channel, ts: String(card.ts) };
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

/**
 * The ticket id a card carries in its metadata, read from Slack: for a card
 * whose lookup is missing (its opening stopped before recording it).
 * conversations.history answers metadata only with include_all_metadata
 * (docs.slack.dev/reference/methods/conversations.history).
 */
export async function cardTicketId(
  client: SlackAPIClient,
  channel: string,
  ts: string,
): Promise<string | undefined> {
  const answer = await slackCall(client, "conversations.history", {
    channel,
    oldest: ts,
    latest: ts,
    inclusive: true,
    limit: 1,
    include_all_metadata: true,
  });
  const card = (answer.messages ?? []).find((m: MessageWithMetadata) =>
    m.ts === ts && m.metadata?.event_type === CARD_EVENT_TYPE
  ) as MessageWithMetadata | undefined;
  return card?.metadata?.event_payload?.ticket_id;
}

interface MessageWithMetadata {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { ticket_id?: string } };
}

export async function redrawTicketCard(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  now: number,
): Promise<void> {
  if (!ticket.card_channel || !ticket.card_ts) return;
  await slackCall(client, "chat.update", {
    channel: ticket.card_channel,
    ts: ticket.card_ts,
    text: ticketCardText(ticket),
    blocks: ticketCardBlocks(ticket, controlsFrom(settings), now),
  });
}

function controlsFrom(settings: HelpdeskSettings) {
  return { actionTriggerUrl: settings.action_trigger_url };
}

/**
 * The cards a moved ticket left in other queues' triage channels, redrawn to
 * say where it is now (after a move, and by the scheduled check when that
 * failed).
 */
export async function redrawPreviousCards(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  queueName: string,
): Promise<void> {
  const link = cardLinkOf(ticket, settings.workspace_url);
  const results = await Promise.allSettled(
    (ticket.previous_cards ?? []).map((where) => {
      const at = where.indexOf(":");
      return slackCall(client, "chat.update", {
        channel: where.slice(0, at),
        ts: where.slice(at + 1),
        text: movedCardText(ticket, queueName),
        blocks: movedCardBlocks(ticket, queueName, link),
      });
    }),
  );
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
