// Merge into…, Unmerge… and Link related…, as submitted: two tickets change
// together. Both locks are taken in a fixed order (by ticket id, whichever
// is kept), so two merges of one pair at the same instant wait for each
// other, and the second finds the first done: one kept, one merged, never a
// loop. Under the locks both tickets are read again and judged by the rules
// in helpdesk/tickets/ticket_merge.ts.
//
// The kept ticket is saved first and the merged one last. A failure between
// the two leaves the kept ticket naming the merged one while that is still
// open; the form stays open with the error, and sending it again finds the
// kept ticket done (not widened or announced twice) and saves the merged
// one. The merged ticket's record is what says a merge happened.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  linkRelated,
  lockOrder,
  type MergeActor,
  mergeTickets,
  unmergeTickets,
} from "../../helpdesk/tickets/ticket_merge.ts";
import { KEY_PREFIX } from "../../helpdesk/tickets/ticket_ids.ts";
import {
  findTicketId,
  getTicket,
  lookupByKey,
} from "../../slack/storage/ticket_store.ts";
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
import {
  linkedSummary,
  mergedAwaySummary,
  mergedDm,
  mergedHereSummary,
  unmergedDm,
  unmergedSummary,
} from "../../slack/blocks/merge_messages.ts";
import { rolesInQueue } from "./change_ticket.ts";
import { publishChange } from "./publish_change.ts";

export type PairSaved =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; error: string };

type Loaded = Extract<QueuedTicket, { ok: true }>;

/** What one form submission is about: the card's ticket and the other. */
interface Pair {
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
async function findPair(
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

/** Both tickets' locks, lower id first, then `run`. */
async function underBothLocks<T>(
  client: SlackAPIClient,
  a: Ticket,
  b: Ticket,
  run: () => Promise<T>,
): Promise<Locked<T>> {
  const [first, second] = lockOrder(a, b);
  const outer = await withTicketLock(
    client,
    first,
    () => withTicketLock(client, second, run),
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
async function changePair(
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
    async (): Promise<Decided> => {
      const [card, other] = await Promise.all([
        getTicket(client, pair.card.ticket.id),
        getTicket(client, pair.other.ticket.id),
      ]);
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

const linkOf = (pair: Pair, ticket: Ticket) =>
  cardLinkOf(ticket, pair.settings.workspace_url);

/** Merge into…: the card's ticket closes as a duplicate of the one named. */
export async function saveMerge(
  client: SlackAPIClient,
  chosen: { ticketId?: string; otherKey: string },
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<PairSaved> {
  const found = await findPair(
    client,
    chosen.ticketId,
    chosen.otherKey,
    actorId,
    now,
  );
  if (!found.ok) return { ok: false, error: found.reason };
  const { pair } = found;
  return await changePair(pair, async (merged, kept, actor) => {
    // Sent again after it was saved (its answer lost): done, not refused.
    if (merged.merged_into === kept.id) {
      return { ok: true, ticket: merged, notShown: [] };
    }
    const keptUrl = linkOf(pair, kept);
    const outcome = mergeTickets(merged, kept, actor, now, keptUrl);
    if (!outcome.ok) return outcome;
    const notShown: unknown[] = [];
    if (!kept.merged_from?.includes(merged.key)) {
      const shown = await publishChange(client, pair.settings, {
        ticket: outcome.kept,
        before: kept,
        actorId,
        summary: mergedHereSummary(merged, kept, actorId, linkOf(pair, merged)),
      }, now);
      notShown.push(...shown.notShown);
    }
    const saved = await publishChange(client, pair.settings, {
      ticket: outcome.merged,
      before: merged,
      actorId,
      summary: mergedAwaySummary(merged, kept, actorId, keptUrl),
      statusChange: outcome.mergedStatusChange,
      toRequester: mergedDm(merged, kept, keptUrl),
    }, now);
    return {
      ok: true,
      ticket: saved.ticket,
      notShown: [...notShown, ...saved.notShown],
    };
  });
}

/** Unmerge… on the kept card: the named merged ticket opens on its own. */
export async function saveUnmerge(
  client: SlackAPIClient,
  chosen: { ticketId?: string; otherKey: string },
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<PairSaved> {
  const found = await findPair(
    client,
    chosen.ticketId,
    chosen.otherKey,
    actorId,
    now,
  );
  if (!found.ok) return { ok: false, error: found.reason };
  const { pair } = found;
  return await changePair(pair, async (kept, merged, roles) => {
    // Sent again after both were saved: done.
    if (!merged.merged_into && !kept.merged_from?.includes(merged.key)) {
      return { ok: true, ticket: kept, notShown: [] };
    }
    const actor = {
      userId: roles.userId,
      agentOfMerged: roles.agentOfKept,
      agentOfKept: roles.agentOfMerged,
    };
    const stillFollowing = await requestedAnotherMerged(client, kept, merged);
    const outcome = unmergeTickets(merged, kept, actor, now, stillFollowing);
    if (!outcome.ok) return outcome;
    const notShown: unknown[] = [];
    let keptNow = kept;
    if (kept.merged_from?.includes(merged.key)) {
      const shown = await publishChange(client, pair.settings, {
        ticket: outcome.kept,
        before: kept,
        actorId,
        summary: unmergedSummary(merged, kept, actorId),
      }, now);
      keptNow = shown.ticket;
      notShown.push(...shown.notShown);
    }
    const link = linkOf(pair, merged) ?? pair.settings.workspace_url;
    const saved = await publishChange(client, pair.settings, {
      ticket: outcome.merged,
      before: merged,
      actorId,
      summary: unmergedSummary(merged, kept, actorId),
      statusChange: outcome.mergedStatusChange,
      toRequester: unmergedDm(merged, kept, link),
    }, now);
    return {
      ok: true,
      ticket: keptNow,
      notShown: [...notShown, ...saved.notShown],
    };
  });
}

/**
 * Whether the merged ticket's requester also asked for another ticket still
 * merged into `kept` (then they keep following it). At most ten are read.
 */
async function requestedAnotherMerged(
  client: SlackAPIClient,
  kept: Ticket,
  merged: Ticket,
): Promise<boolean> {
  if (merged.requester === kept.requester) return false;
  const others = (kept.merged_from ?? []).filter((k) => k !== merged.key)
    .slice(0, 10);
  const tickets = await Promise.all(others.map(async (key) => {
    const id = await findTicketId(client, lookupByKey(key));
    return id ? await getTicket(client, id) : undefined;
  }));
  return tickets.some((t) =>
    t?.merged_into === kept.id && t.requester === merged.requester
  );
}

/** Link related…: each ticket names the other; nothing closes. */
export async function saveLink(
  client: SlackAPIClient,
  chosen: { ticketId?: string; otherKey: string },
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<PairSaved> {
  const found = await findPair(
    client,
    chosen.ticketId,
    chosen.otherKey,
    actorId,
    now,
  );
  if (!found.ok) return { ok: false, error: found.reason };
  const { pair } = found;
  return await changePair(pair, async (card, other, actor) => {
    const outcome = linkRelated(card, other, actor, now);
    if (!outcome.ok) return outcome;
    const notShown: unknown[] = [];
    let cardNow = card;
    // The other side first, the card's own last, each only if it changed.
    for (
      const [before, after, named] of [[other, outcome.other, card], [
        card,
        outcome.one,
        other,
      ]] as const
    ) {
      if (after === before) continue;
      const shown = await publishChange(client, pair.settings, {
        ticket: after,
        before,
        actorId,
        summary: linkedSummary(before, named, actorId, linkOf(pair, named)),
      }, now);
      if (before.id === card.id) cardNow = shown.ticket;
      notShown.push(...shown.notShown);
    }
    return { ok: true, ticket: cardNow, notShown };
  });
}
