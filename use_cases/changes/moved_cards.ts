// The cards of a ticket that moves to another queue's triage channel. A
// retry never posts a second card: a card an interrupted attempt posted is
// found by its metadata in the new channel and adopted; one posted by an
// attempt that then failed to save is taken back. The old cards lose their
// buttons once the move is saved.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  getTicket,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  findPostedCard,
  redrawPreviousCards,
} from "../../slack/workspace/triage_card.ts";
import { toTriage } from "../opening/ticket_showing.ts";

export type Card = { channel: string; ts: string };

/** How far back a retry looks for the card an interrupted move posted. */
const RETRY_WINDOW_SECONDS = 15 * 60;

/**
 * The cards the ticket had before, redrawn without their buttons; what
 * could not be redrawn is left to the scheduled check (ticket_repair.ts).
 */
export async function redrawOldCards(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  saved: Ticket,
  target: Queue,
  posted: Card | undefined,
): Promise<unknown[]> {
  if (!saved.previous_cards || !posted) return [];
  try {
    await redrawPreviousCards(client, settings, saved, target.name);
    return [];
  } catch (error) {
    await updateTicketFields(client, saved.id, { card_redraw_due: true })
      .catch((marking) =>
        console.warn(`${saved.key}: redraw not marked as due`, marking)
      );
    return [error];
  }
}

/**
 * The card in the new queue's triage channel: one an interrupted attempt
 * already posted (found by its metadata), or a new one. Sets it on `moved`.
 */
export async function cardInNewQueue(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  target: Queue,
  moved: Ticket,
  now: number,
): Promise<Card> {
  const earlier = await findPostedCard(
    client,
    moved,
    target.triage_channel,
    now - RETRY_WINDOW_SECONDS,
  );
  if (earlier) {
    moved.card_channel = earlier.channel;
    moved.card_ts = earlier.ts;
    return earlier;
  }
  await toTriage(client, settings, target, moved, now);
  return { channel: moved.card_channel!, ts: moved.card_ts! };
}

/** A card posted for a move that was then not saved is deleted. */
export async function takeBackIfUnsaved(
  client: SlackAPIClient,
  ticketId: string,
  card: Card,
) {
  const stored = await getTicket(client, ticketId).catch((error) => {
    console.warn(`${ticketId}: not read to check the moved card`, error);
    return undefined;
  });
  if (!stored || stored.card_ts === card.ts) return;
  await slackCall(client, "chat.delete", card).catch((error) =>
    console.warn("a moved card that was not saved stays", error)
  );
}
