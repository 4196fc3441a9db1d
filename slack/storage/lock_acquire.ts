// Taking a ticket's lock (ticket_lock.ts): its reaction added, or found
// held and its record watched until it is free, or adopted from a holder
// that could not let go, within a wait budget. What holds and what does not
// is in docs/architecture.md, "The ticket lock".
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  type AddOutcome,
  addReaction,
  adoptClaim,
  type Clock,
  judgeClaim,
  type ReactionSpot,
  readClaim,
  RECORD_GRACE_MS,
  recordHolder,
} from "./reaction_claim.ts";

/**
 * How long a run waits for another to let go, calls included. A form or a
 * list click answers Slack within 3 s whatever it waits for
 * (slack/workspace/answer_in_time.ts) and shows the outcome after; a caller
 * that must have it sooner passes its own budget (LockOptions.waitMs).
 */
export const DEFAULT_LOCK_WAIT_MS = 4000;

/** Between two looks at the lock's record while it is held. */
export const LOCK_POLL_MS = 250;

export interface LockOptions {
  /**
   * The wait budget in ms, the calls made while waiting included; past it
   * the run gives up with a reason. DEFAULT_LOCK_WAIT_MS unless told.
   */
  waitMs?: number;
  /** Between looks at the lock's record, in ms. */
  pollMs?: number;
  /** Who holds it, for the logs (a function execution id). */
  holder?: string;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type Acquired =
  /** `waited`: the reaction was seen held by another run first. */
  | { kind: "taken"; adopted: boolean; waited: boolean }
  | { kind: "busy" }
  | { kind: "unlockable"; code: string }
  | { kind: "failed"; cause: unknown };

export async function acquire(
  client: SlackAPIClient,
  spot: ReactionSpot,
  id: string,
  holder: string,
  options: LockOptions,
  clock: Clock,
): Promise<Acquired> {
  const started = clock.nowMs();
  const deadline = started + (options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
  const pollMs = options.pollMs ?? LOCK_POLL_MS;
  const left = () => deadline - clock.nowMs();
  const seconds = () => Math.floor(clock.nowMs() / 1000);
  // How long one look (a reactions.add, a read of the record) takes at
  // most, so that the last one ends within the budget.
  let askedAt = clock.nowMs();
  let longestAsk = 0;
  // How long one read of the record takes: about as long as the write by
  // which a run that took the reaction names itself.
  let slowestRead = 0;
  let added: AddOutcome = await addReaction(client, spot, left(), clock);
  // Whether a reaction that is there may be this run's own (an add whose
  // answer was lost), and since when the record has named no other holder.
  let uncertain = false;
  let nobodyElseSince: number | undefined;
  let waited = false;
  for (let polls = 1;; polls++) {
    if (added.kind === "taken") {
      return { kind: "taken", adopted: false, waited };
    }
    if (added.kind === "present" && !added.uncertain) waited = true;
    if (added.kind === "unclaimable") {
      return { kind: "unlockable", code: added.code };
    }
    uncertain ||= added.uncertain;
    if (added.kind === "failed" && !added.uncertain) {
      return { kind: "failed", cause: added.error };
    }
    const readAt = clock.nowMs();
    const record = await readClaim(client, id).catch((error) => {
      console.warn(`${id}: lock record not read; taken as held`, error);
      return "unread" as const;
    });
    const judged = record === "unread"
      ? "other"
      : judgeClaim(record, holder, seconds());
    longestAsk = Math.max(longestAsk, clock.nowMs() - askedAt);
    slowestRead = Math.max(slowestRead, clock.nowMs() - readAt);
    // Nobody else: its holder could not let go, or died, or it is this
    // run's own (an earlier answer lost). Adopted when the record says so
    // twice, RECORD_GRACE_MS apart, so that a run that has just taken it
    // has time to name itself.
    const nobodyElse = judged === "free" || (judged === "unknown" && uncertain);
    if (nobodyElse) nobodyElseSince ??= clock.nowMs();
    else nobodyElseSince = undefined;
    // When calls are slow (Slack under strain, a loaded runtime), the run
    // that took the reaction is as slow to name itself: the grace grows
    // with the slowest read of the record (not with waits after a 429).
    const grace = Math.max(RECORD_GRACE_MS, 3 * slowestRead);
    if (
      added.kind === "present" && nobodyElseSince !== undefined &&
      clock.nowMs() - nobodyElseSince >= grace
    ) {
      // Another waiting run may conclude the same at the same moment: the
      // adoption is confirmed after as long again (adoptClaim).
      console.warn(`${id}: adopting a lock nobody holds`);
      const adopted = await adoptClaim(
        client,
        id,
        holder,
        seconds(),
        grace,
        clock,
      );
      if (adopted.mine) return { kind: "taken", adopted: true, waited };
      console.warn(`${id}: another run adopted it at the same moment`);
      nobodyElseSince = undefined;
      waited = true;
    }
    // An adoption under way (nobody else named since before the deadline)
    // is seen through, a grace past the budget at most: giving up now would
    // leave the reaction for the next run to wait out again.
    const adopting = added.kind === "present" && nobodyElseSince !== undefined;
    if (left() < pollMs * 1.25 + longestAsk && !adopting) {
      if (judged === "unknown" && !uncertain && record !== "unread") {
        // Held with no record: a holder that died before writing it. Its
        // clock starts now, for a later run to judge.
        await recordHolder(client, id, "unknown: seen held", seconds())
          .catch((error) =>
            console.warn(`${id}: seen-held time not recorded`, error)
          );
      }
      return added.kind === "failed"
        ? { kind: "failed", cause: added.error }
        : { kind: "busy" };
    }
    // Jittered, so that waiting runs don't all ask again in step.
    await clock.sleep(pollMs * (0.75 + Math.random() * 0.5));
    askedAt = clock.nowMs();
    // Asked again only when the record says it may be free, and now and
    // then in case the record itself is late.
    if (judged !== "other" || polls % 3 === 0 || added.kind === "failed") {
      added = await addReaction(client, spot, Math.max(0, left()), clock);
    }
  }
}
