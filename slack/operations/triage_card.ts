// Posting and redrawing a ticket's card in the triage channel.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { ticketCardBlocks, ticketCardText } from "../blocks/ticket_card.ts";

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
