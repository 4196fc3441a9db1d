// Changing two tickets together (Merge into…, Unmerge…, Link related…):
// finding the second ticket a form names by key, and deciding the change
// under both tickets' locks. Apart from merge_ticket.ts, which says what each
// of those forms changes, because the finding and the locking are the same
// for all three.
//
// Both locks are taken in a fixed order (by ticket id, whichever is kept),
// so two merges of one pair at the same instant wait for each other, and the
// second finds the first done: one kept, one merged, never a loop. Under the
// locks both tickets are read again and handed to the form's decision.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  lockOrder,
  type MergeActor,
} from "../../helpdesk/tickets/ticket_pairing.ts";
import { KEY_PREFIX } from "../../helpdesk/tickets/ticket_ids.ts";
import { findTicketId, lookupByKey } from "../../slack/storage/ticket_store.ts";
import {
  type Locked,
  withTicketLock,
} from "../../slack/storage/ticket_lock.ts";
import {
  loadQueuedTicket,
  type QueuedTicket,
  TICKET_GONE,
} from "../../slack/workspace/queued_ticket.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { rolesInQueue } from "./queue_agents.ts";

export type PairSaved =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; error: string };

type Loaded = Extract<QueuedTicket, { ok: true }>;

/** What one form submission is about: the card's ticket and the other. */
export interface Pair {
  client: SlackAPIClient;
  actorId: string;
  now: number;
  settings: HelpdeskSettings;
  card: Loaded;
  other: Loaded;
}

const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}-[A-Z0-9]{1,16}$`);

type Found = { ok: true; pair: Pair } | { ok: false; reason: string };

/** The card's ticket and the one the form names by key. */
export async function findPair(
  client: SlackAPIClient,
  ticketId: string | undefined,
  otherKey: string,
  actorId: string,
  now: number,
): Promise<Found> {
  if (!ticketId) {
    return { ok: false, reason: "This form lost its ticket: close it." };
  }
  if (!otherKey) {
    return { ok: false, reason: "Type a ticket's key, or choose a ticket." };
  }
  // Typed by a person: only a key's shape is looked up or repeated.
  if (!KEY_PATTERN.test(otherKey)) {
    return {
      ok: false,
      reason: `That is not a ticket key: keys look like ${KEY_PREFIX}-7K3QX2.`,
    };
  }
  const card = await loadQueuedTicket(client, ticketId);
  if (!card.ok) return card;
  const otherId = await findTicketId(client, lookupByKey(otherKey));
  if (!otherId) {
    return { ok: false, reason: `No ticket has the key ${otherKey}.` };
  }
  // One ticket is no pair (and its lock can't be taken twice).
  if (otherId === ticketId) {
    return {
      ok: false,
      reason: `${card.ticket.key} can't be paired with itself.`,
    };
  }
  const other = await loadQueuedTicket(client, otherId);
  if (!other.ok) return other;
  return {
    ok: true,
    pair: { client, actorId, now, settings: card.settings, card, other },
  };
}

/**
 * Both tickets' locks, lower id first, then `run` with `a` and `b` as each
 * lock read them: at least as new as the last change made under it. A read
 * of its own after that may be older (reads are eventually consistent), and
 * saving a pair decided on it would undo that change.
 */
async function underBothLocks<T>(
  client: SlackAPIClient,
  a: Ticket,
  b: Ticket,
  run: (a?: Ticket, b?: Ticket) => Promise<T>,
): Promise<Locked<T>> {
  const [first, second] = lockOrder(a, b);
  const outer = await withTicketLock(
    client,
    first,
    (one) =>
      withTicketLock(
        client,
        second,
        (two) => first === a ? run(one, two) : run(two, one),
      ),
  );
  return outer.ok ? outer.value : outer;
}

type Decided =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; reason: string };

/**
 * Under both locks: the two tickets as stored now and who the actor is in
 * each one's queue, for `decide`.
 */
export async function changePair(
  pair: Pair,
  decide: (
    card: Ticket,
    other: Ticket,
    actor: MergeActor,
  ) => Promise<Decided>,
): Promise<PairSaved> {
  const { client, actorId } = pair;
  const cardRoles = rolesInQueue(client, pair.card, [actorId]);
  const otherRoles = rolesInQueue(client, pair.other, [actorId]);
  const locked = await underBothLocks(
    client,
    pair.card.ticket,
    pair.other.ticket,
    async (card, other): Promise<Decided> => {
      if (!card || !other) return { ok: false, reason: TICKET_GONE };
      const [[agentOfCard], [agentOfOther]] = await Promise.all([
        cardRoles.of(card),
        otherRoles.of(other),
      ]);
      return await decide(card, other, {
        userId: actorId,
        agentOfMerged: agentOfCard,
        agentOfKept: agentOfOther,
      });
    },
  );
  const result = locked.ok ? locked.value : locked;
  if (result.ok) return result;
  return {
    ok: false,
    error: await formError(client, result.reason, {
      people: { [actorId]: "you" },
    }),
  };
}

export const linkOf = (pair: Pair, ticket: Ticket) =>
  cardLinkOf(ticket, pair.settings.workspace_url);
