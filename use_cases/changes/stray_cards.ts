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
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import {
  type LockedTicket,
  lockId,
  withTicketLock,
} from "../../slack/storage/ticket_lock.ts";
import { bulkGetItems } from "../../slack/storage/datastore.ts";
import { LocksDatastore } from "../../slack/storage/datastore_refs.ts";
import type { Removal } from "../../helpdesk/tickets/retention.ts";
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

/**
 * Of these tickets, not found, those a purge or an erasure removed, why,
 * and when (Unix seconds): the run that removed one says so in its lock's
 * release record (`removed`, ticket_lock.ts), kept in `locks`, written as
 * it let go. A purge rewrites only the cards its ticket knows, so a stray
 * of it still has its blocks.
 */
export async function removedOnPurpose(
  client: SlackAPIClient,
  ticketIds: readonly string[],
): Promise<Map<string, { why: Removal; at: number }>> {
  const removed = new Map<string, { why: Removal; at: number }>();
  if (!ticketIds.length) return removed;
  const records = await bulkGetItems(
    client,
    LocksDatastore,
    ticketIds.map(lockId),
  );
  for (const record of records) {
    const why = removalOf(record.removed);
    const at = Number(record.taken_at);
    if (why && at > 0) {
      removed.set(String(record.id).slice(lockId("").length), { why, at });
    }
  }
  return removed;
}

/** A release record's `removed` ("retention:<days>", "erasure"), read back. */
function removalOf(label: unknown): Removal | undefined {
  if (label === "erasure") return { kind: "erasure" };
  const days = typeof label === "string"
    ? /^retention:(\d+)$/.exec(label)?.[1]
    : undefined;
  return days ? { kind: "retention", days: Number(days) } : undefined;
}
