// Two tickets an agent joins: merged as duplicates (ticket_merge.ts) or
// linked as related, the soft version: a note on both, nothing closes.
// Whichever it is, the same rule decides who may join them and which may go
// together, and their locks are taken in the same order.
//
// Only agents of both tickets' queues may merge or link them, because the
// requester of one hears the other's news. For the same reason a private
// ticket goes only with a private ticket of its own queue: its words stay
// with the agents who may read them.
import type { Ticket } from "./model.ts";
import { queueIdOf } from "./ticket_move.ts";

/** Who merges, judged by each ticket's queue as it is stored now. */
export interface MergeActor {
  userId: string;
  agentOfMerged: boolean;
  agentOfKept: boolean;
}

export type MergeCheck = { ok: true } | { ok: false; reason: string };

/** Whether `actor` may merge or link these two, and both are fit for it. */
export function checkPair(
  one: Ticket,
  other: Ticket,
  actor: MergeActor,
  verb: string,
): MergeCheck {
  if (!actor.agentOfMerged) {
    return {
      ok: false,
      reason: `Only Helpdesk agents of ${one.key}'s queue can ${verb} it.`,
    };
  }
  if (!actor.agentOfKept) {
    return {
      ok: false,
      reason:
        `Only agents of both queues can ${verb} ${one.key} and ${other.key}: you are not an agent of ${other.key}'s queue.`,
    };
  }
  if (one.id === other.id) {
    return { ok: false, reason: `${one.key} can't be ${verb}d with itself.` };
  }
  if (one.private || other.private) {
    if (
      !one.private || !other.private || queueIdOf(one) !== queueIdOf(other)
    ) {
      return {
        ok: false,
        reason:
          `${one.key} and ${other.key} can't be ${verb}d: a private ticket goes only with another private ticket of the same queue.`,
      };
    }
  }
  for (const ticket of [one, other]) {
    if (ticket.approval === "pending") {
      return {
        ok: false,
        reason: `${ticket.key} is waiting for approval: decide it first.`,
      };
    }
  }
  return { ok: true };
}

export type LinkOutcome =
  | { ok: true; one: Ticket; other: Ticket }
  | { ok: false; reason: string };

/** Related, not the same: each ticket names the other; nothing closes. */
export function linkRelated(
  one: Ticket,
  other: Ticket,
  actor: MergeActor,
  now: number,
): LinkOutcome {
  const pair = checkPair(one, other, actor, "link");
  if (!pair.ok) return pair;
  if (one.related?.includes(other.key) && other.related?.includes(one.key)) {
    return {
      ok: false,
      reason: `${one.key} and ${other.key} are already linked.`,
    };
  }
  // Each side only once: a retry after one side was saved adds the other.
  const naming = (ticket: Ticket, key: string): Ticket =>
    ticket.related?.includes(key)
      ? ticket
      : { ...ticket, related: [...ticket.related ?? [], key], updated_at: now };
  return {
    ok: true,
    one: naming(one, other.key),
    other: naming(other, one.key),
  };
}

/**
 * Two tickets in the order their locks are taken: by id, whichever is kept,
 * so two merges of the same pair at once wait for each other instead of
 * each holding one lock.
 */
export function lockOrder<T extends Pick<Ticket, "id">>(a: T, b: T): [T, T] {
  return a.id < b.id ? [a, b] : [b, a];
}
