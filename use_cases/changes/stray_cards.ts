// A stray card of a ticket (helpdesk/tickets/stray_cards.ts) rewritten to
// point at the ticket's card: one line without buttons, with another
// metadata event type so that nothing (a retry looking for a lost card, the
// scheduled look for cards, findPostedCard) takes it for a card again.
// Nobody is told by DM: the ticket exists, and its requester was told of it
// by the run that recorded its card.
//
// Under the ticket's lock, on the ticket as stored then: a change that
// adopts a card posted by an earlier attempt (a move tried again within its
// window adopts the card it finds in the new queue's channel, moved_cards.ts)
// holds the lock while it looks for the card and records it, so the card is
// either recorded by then (and not stray), or rewritten before the change
// looks (and not found).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { onceMoreIfPassing } from "../../slack/api/passing_failures.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import { isPassing } from "../../slack/api/passing_failures.ts";
import {
  type LockedTicket,
  withTicketLock,
} from "../../slack/storage/ticket_lock.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { strayCardText } from "../../slack/blocks/unsaved_card.ts";
import {
  type CardPlace,
  isStrayCard,
} from "../../helpdesk/tickets/stray_cards.ts";

/** The event type a rewritten stray card carries instead of the card's. */
export const STRAY_EVENT_TYPE = "helpdesk_stray_card";

/**
 * "rewritten"; "kept" when the ticket, read under its lock, knows the card
 * or is gone; "later" when its lock could not be had now.
 */
export type StrayOutcome = "rewritten" | "kept" | "later";

export async function rewriteStrayCard(
  client: SlackAPIClient,
  workspaceUrl: string,
  ticket: LockedTicket,
  card: CardPlace,
): Promise<StrayOutcome> {
  const locked = await withTicketLock(client, ticket, async (latest) => {
    if (!latest || !isStrayCard(latest, card)) return "kept" as const;
    try {
      await onceMoreIfPassing(() =>
        slackCall(client, "chat.update", {
          ...card,
          text: strayCardText(
            latest.key,
            cardLinkOf(latest, workspaceUrl),
          ),
          blocks: [],
          metadata: {
            event_type: STRAY_EVENT_TYPE,
            event_payload: { ticket_id: latest.id },
          },
        })
      );
    } catch (error) {
      if (isCarryOver(error) || isPassing(error)) throw error;
      // Deleted, or its channel archived: nothing left to rewrite.
      console.warn(`${latest.key}: stray card not rewritten`, error);
      return "kept" as const;
    }
    return "rewritten" as const;
  }, { waitMs: 1000 });
  if (locked.ok) return locked.value;
  // Deleted by the run that held it: its cards went with it.
  return locked.removed ? "kept" : "later";
}
