// Merging duplicates: when several people report one problem, an agent keeps
// one ticket and merges the others into it. A merged ticket closes as a
// duplicate of the kept one, and its requester follows the kept ticket from
// then on. Unmerge undoes it while the kept ticket is open. Who may pair two
// tickets at all, and linking them (the soft version), are in
// ticket_pairing.ts.
import { OPEN_STATUSES, type Status, type Ticket } from "./model.ts";
import { withStatus } from "./ticket_actions.ts";
import {
  checkPair,
  type MergeActor,
  type MergeCheck,
} from "./ticket_pairing.ts";

/** The card's buttons for merging, unmerging and linking (each opens a form). */
export const MERGE_ACTIONS = ["merge", "unmerge", "link"] as const;
export type MergeActionType = typeof MERGE_ACTIONS[number];

export interface Merged {
  ok: true;
  /** The ticket closed as a duplicate, pointing at the kept one. */
  merged: Ticket;
  /** The ticket kept, now also for the merged ticket's requester. */
  kept: Ticket;
  mergedStatusChange?: { from: Status; to: Status };
}

export type MergeOutcome = Merged | { ok: false; reason: string };

function isOpen(ticket: Ticket): boolean {
  return OPEN_STATUSES.includes(ticket.status);
}

/**
 * Whether `merged` may close as a duplicate of `kept`. Checked on both
 * tickets as stored now, under both locks, so two merges of the same pair
 * in opposite directions can't both pass: the second finds its "kept"
 * ticket already merged.
 */
export function checkMerge(
  merged: Ticket,
  kept: Ticket,
  actor: MergeActor,
): MergeCheck {
  const pair = checkPair(merged, kept, actor, "merge");
  if (!pair.ok) return pair;
  if (merged.merged_into) {
    return {
      ok: false,
      reason: `${merged.key} is already merged into ${
        merged.merged_into_key ?? "another ticket"
      }.`,
    };
  }
  if (!isOpen(merged)) {
    return {
      ok: false,
      reason: `${merged.key} is ${merged.status}: only open tickets merge.`,
    };
  }
  if (merged.merged_from?.length) {
    return {
      ok: false,
      reason: `${merged.key} already has ${
        merged.merged_from.join(", ")
      } merged into it: merge ${kept.key} into ${merged.key} instead.`,
    };
  }
  if (kept.merged_into) {
    return {
      ok: false,
      reason: `${kept.key} was merged into ${
        kept.merged_into_key ?? "another ticket"
      }: merge into that one instead.`,
    };
  }
  if (!isOpen(kept)) {
    return {
      ok: false,
      reason:
        `${kept.key} is ${kept.status}: merge into an open ticket, or reopen it first.`,
    };
  }
  return { ok: true };
}

/**
 * `keptUrl` is the kept ticket's card, for the merged card's link. A kept
 * ticket that already names `merged` (a retry after it was saved and the
 * merged one was not) is not widened twice.
 */
export function mergeTickets(
  merged: Ticket,
  kept: Ticket,
  actor: MergeActor,
  now: number,
  keptUrl?: string,
): MergeOutcome {
  const check = checkMerge(merged, kept, actor);
  if (!check.ok) return check;
  const closed: Ticket = {
    ...withStatus(merged, "closed", now),
    close_reason: "duplicate",
    merged_into: kept.id,
    merged_into_key: kept.key,
    merged_into_url: keptUrl,
    updated_at: now,
  };
  const followers = [...kept.followers ?? []];
  if (
    merged.requester !== kept.requester &&
    !followers.includes(merged.requester)
  ) {
    followers.push(merged.requester);
  }
  const widened: Ticket = {
    ...kept,
    followers: followers.length ? followers : undefined,
    merged_from: kept.merged_from?.includes(merged.key)
      ? kept.merged_from
      : [...kept.merged_from ?? [], merged.key],
    updated_at: now,
  };
  return {
    ok: true,
    merged: closed,
    kept: widened,
    mergedStatusChange: { from: merged.status, to: "closed" },
  };
}

export function checkUnmerge(
  merged: Ticket,
  kept: Ticket,
  actor: MergeActor,
): MergeCheck {
  const pair = checkPair(merged, kept, actor, "unmerge");
  if (!pair.ok) return pair;
  if (merged.merged_into !== kept.id) {
    return {
      ok: false,
      reason: `${merged.key} is not merged into ${kept.key}.`,
    };
  }
  if (kept.status === "closed") {
    return {
      ok: false,
      reason:
        `${kept.key} is closed: a merge can be undone only while the kept ticket is open.`,
    };
  }
  return { ok: true };
}

/**
 * The merge undone: the merged ticket open again (in progress with its
 * assignee, new without one), and the kept ticket no longer for its
 * requester, unless that person is also the requester of another ticket
 * still merged into it (`stillFollowing`).
 */
export function unmergeTickets(
  merged: Ticket,
  kept: Ticket,
  actor: MergeActor,
  now: number,
  stillFollowing = false,
): MergeOutcome {
  const check = checkUnmerge(merged, kept, actor);
  if (!check.ok) return check;
  const reopened = onItsOwn(merged, now);
  const followers = stillFollowing
    ? kept.followers
    : kept.followers?.filter((f) => f !== merged.requester);
  const mergedFrom = kept.merged_from?.filter((k) => k !== merged.key);
  const narrowed: Ticket = {
    ...kept,
    followers: followers?.length ? followers : undefined,
    merged_from: mergedFrom?.length ? mergedFrom : undefined,
    updated_at: now,
  };
  return {
    ok: true,
    merged: reopened,
    kept: narrowed,
    mergedStatusChange: { from: merged.status, to: reopened.status },
  };
}

/** A merged ticket open again on its own, as it was before the merge. */
export function onItsOwn(merged: Ticket, now: number): Ticket {
  const reopened = withStatus(
    merged,
    merged.assignee ? "in_progress" : "new",
    now,
  );
  delete reopened.merged_into;
  delete reopened.merged_into_key;
  delete reopened.merged_into_url;
  // Merged again later, it is linked again; the old link is removed by the
  // JSM sync while jsm_duplicate_of names it.
  delete reopened.jsm_duplicate_linked;
  delete reopened.close_reason;
  delete reopened.closed_at;
  return reopened;
}

/** Everyone a ticket is for: its requester, then its followers. */
export function peopleOf(ticket: Pick<Ticket, "requester" | "followers">) {
  return [ticket.requester, ...ticket.followers ?? []];
}
