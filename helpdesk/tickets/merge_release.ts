// When a kept ticket (one others were merged into, ticket_merge.ts) is
// closed by its own requester's hand, the other people's tickets merged into
// it are not answered by that: they open again on their own. Plain data in,
// plain data out; use_cases/changes/merged_release.ts applies them.
import { OPEN_STATUSES, type Ticket } from "./model.ts";
import { type MergeOutcome, onItsOwn } from "./ticket_merge.ts";
import { decodeEntry } from "./history_view.ts";

/**
 * Whether a change closes a ticket by its own requester's hand: withdrawn,
 * or closed because a suggested ticket solved it. Nobody worked it to an
 * end, so the problems merged into it are not answered by it.
 */
export function closedByItsRequester(
  before: Ticket,
  after: Ticket,
  actorId: string | undefined,
): boolean {
  return before.status !== "closed" && after.status === "closed" &&
    actorId === after.requester &&
    (after.close_reason === "withdrawn" ||
      after.close_reason === "self_solved");
}

/**
 * Which tickets merged into `kept` open again on their own when its
 * requester closes it (closedByItsRequester): those of other people, who
 * still have their problem. A duplicate the same person opened stays
 * closed with the one they closed.
 */
export function releasedBy(kept: Ticket, merged: readonly Ticket[]): Ticket[] {
  return merged.filter((m) =>
    m.merged_into === kept.id && m.requester !== kept.requester
  );
}

/**
 * The kept ticket, closed by its requester, no longer for the requesters of
 * the `released` tickets nor naming them as merged here.
 */
export function withoutReleased(
  kept: Ticket,
  released: readonly Ticket[],
): Ticket {
  const keys = new Set(released.map((r) => r.key));
  const people = new Set(released.map((r) => r.requester));
  const followers = kept.followers?.filter((f) => !people.has(f));
  const mergedFrom = kept.merged_from?.filter((k) => !keys.has(k));
  return {
    ...kept,
    followers: followers?.length ? followers : undefined,
    merged_from: mergedFrom?.length ? mergedFrom : undefined,
  };
}

/**
 * A ticket merged into `kept`, open again on its own because `kept` was
 * closed by its requester. Refused when it no longer follows `kept` (an
 * agent unmerged it meanwhile): nothing to do.
 */
export function releaseFromClosed(
  merged: Ticket,
  kept: Ticket,
  now: number,
): MergeOutcome {
  if (merged.merged_into !== kept.id) {
    return {
      ok: false,
      reason: `${merged.key} is not merged into ${kept.key}.`,
    };
  }
  const reopened = onItsOwn(merged, now);
  return {
    ok: true,
    merged: reopened,
    kept,
    mergedStatusChange: { from: merged.status, to: reopened.status },
  };
}

/**
 * When `merged` opened again on its own by `kept`'s close, while it still
 * is so: its history says Helpdesk unmerged it from `kept` itself (not an
 * agent's hand), and it is open and merged into nothing now. Undefined
 * otherwise, when "open again on its own" would no longer be true.
 */
export function releasedAt(merged: Ticket, kept: Ticket): number | undefined {
  if (merged.merged_into || !OPEN_STATUSES.includes(merged.status)) {
    return undefined;
  }
  return (merged.history ?? []).map(decodeEntry).findLast((entry) =>
    entry?.kind === "unmerge" && entry.from === kept.key && !entry.by
  )?.at;
}
