// Which cards the scheduled look at the triage channels acts on
// (unsaved_cards.ts says why each rule holds): a card of a ticket never
// saved, a stray second card of a ticket that exists, a card of a ticket
// since removed on purpose, or one whose ticket is still being finished.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { bulkGetItems } from "../../slack/storage/datastore.ts";
import { TicketsDatastore } from "../../slack/storage/datastore_refs.ts";
import { toTicket } from "../../slack/storage/ticket_items.ts";
import { botUserOf } from "../../slack/workspace/bot_user.ts";
import { CARD_EVENT_TYPE } from "../../slack/workspace/triage_card.ts";
import type { CardBlock } from "../../slack/blocks/unsaved_card.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { isStrayCard } from "../../helpdesk/tickets/stray_cards.ts";
import type { Removal } from "../../helpdesk/tickets/retention.ts";
import { removedOnPurpose } from "../changes/stray_cards.ts";

/**
 * A card of a ticket still being finished (setup_pending: its record failed,
 * the scheduled repair adopts its card 75 s on) is read again by the next
 * run, while the ticket is younger than this: two runs' repairs.
 */
export const AWAIT_REPAIR_SECONDS = 1800;

export interface CardMessage {
  ts: string;
  user?: string;
  text?: string;
  blocks?: CardBlock[];
  metadata?: {
    event_type?: string;
    event_payload?: { ticket_id?: string };
  };
}

/**
 * Cards Helpdesk posted, still as drawn: "unsaved" when their ticket does
 * not exist and was never removed on purpose (`removed`, why, when it was:
 * a stray of a ticket since purged), `strayOf` their ticket when it exists
 * and does not know the card, "awaiting repair" when it can't tell yet.
 */
export async function judgeCards(
  client: SlackAPIClient,
  channel: string,
  messages: CardMessage[],
  now: number,
): Promise<Map<CardMessage, Judgement>> {
  const judged = new Map<CardMessage, Judgement>();
  const cards = messages.filter((m) =>
    m.metadata?.event_type === CARD_EVENT_TYPE &&
    typeof m.metadata.event_payload?.ticket_id === "string" &&
    m.blocks?.length
  );
  if (!cards.length) return judged;
  const bot = await botUserOf(client);
  const ours = cards.filter((m) => m.user === bot);
  const idOf = (m: CardMessage) => m.metadata!.event_payload!.ticket_id!;
  const found = new Map(
    (await bulkGetItems(client, TicketsDatastore, ours.map(idOf)))
      .map((item) => [item.id, item]),
  );
  const removed = await removedOnPurpose(
    client,
    ours.map(idOf).filter((id) => !found.has(id)),
  );
  for (const card of ours) {
    const item = found.get(idOf(card));
    if (!item) {
      // Removed after this card was posted: a ticket made again under the
      // same creation key since (a message's) is judged as any other.
      const gone = removed.get(idOf(card));
      judged.set(
        card,
        gone && Math.floor(Number(card.ts)) <= gone.at
          ? { removed: gone.why }
          : "unsaved",
      );
      continue;
    }
    // A damaged item can't tell which card is its: left alone.
    const ticket = readable(item);
    if (!ticket) continue;
    if (isStrayCard(ticket, { channel, ts: card.ts })) {
      judged.set(card, { strayOf: ticket });
    } else if (
      ticket.setup_pending && ticket.created_at > now - AWAIT_REPAIR_SECONDS
    ) {
      judged.set(card, "awaiting repair");
    }
  }
  return judged;
}

export type Judgement =
  | "unsaved"
  | "awaiting repair"
  | { strayOf: Ticket }
  | { removed: Removal };

function readable(item: Parameters<typeof toTicket>[0]) {
  try {
    return toTicket(item);
  } catch {
    return undefined;
  }
}
