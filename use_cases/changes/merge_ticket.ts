// Merge into…, Unmerge… and Link related…, as submitted: what each changes
// in the two tickets, judged by the rules in helpdesk/tickets/ticket_merge.ts
// (linking: ticket_pairing.ts).
// Finding the pair and taking both locks is paired_change.ts's.
//
// The kept ticket is saved first and the merged one last. A failure between
// the two leaves the kept ticket naming the merged one while that is still
// open; the form stays open with the error, and sending it again finds the
// kept ticket done (not widened or announced twice) and saves the merged
// one. The merged ticket's record is what says a merge happened.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { linkRelated } from "../../helpdesk/tickets/ticket_pairing.ts";
import {
  mergeTickets,
  unmergeTickets,
} from "../../helpdesk/tickets/ticket_merge.ts";
import {
  findTicketId,
  getTicket,
  lookupByKey,
} from "../../slack/storage/ticket_store.ts";
import {
  linkedSummary,
  mergedAwaySummary,
  mergedDm,
  mergedHereSummary,
  unmergedDm,
  unmergedSummary,
} from "../../slack/blocks/merge_messages.ts";
import {
  changePair,
  findPair,
  linkOf,
  type PairSaved,
} from "./paired_change.ts";
import { publishChange } from "./publish_change.ts";
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
