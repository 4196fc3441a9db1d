// Claims taken at once or not at all: the relay mark on a requester's
// thread message (use_cases/conversation/thread_relay.ts), a reaction claim
// (reaction_claim.ts) that stays on the message once its work is done.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { SlackCallError } from "../api/slack_call.ts";
import {
  addReaction,
  adoptClaim,
  type ClaimRecord,
  type Clock,
  judgeClaim,
  newHolder,
  type ReactionSpot,
  readClaim,
  realClock,
  RECORD_GRACE_MS,
  recordClaim,
  recordHolder,
  releaseReaction,
} from "./reaction_claim.ts";

export type ClaimOutcome =
  | { kind: "taken"; record: ClaimRecord; adopted: boolean }
  | { kind: "held"; record?: ClaimRecord }
  | { kind: "unclaimable"; code: string }
  | { kind: "failed"; error: SlackCallError };

/**
 * A claim taken at once or not at all (the intake and relay marks): held by
 * another run, this run's after all (an add whose answer was lost), or
 * adopted from a run that could not let go.
 */
export async function claimOnce(
  client: SlackAPIClient,
  spot: ReactionSpot,
  id: string,
  holder: string,
  clock: Clock = realClock,
): Promise<ClaimOutcome> {
  const now = () => Math.floor(clock.nowMs() / 1000);
  const mine = (): ClaimRecord => ({
    id,
    holder,
    state: "held",
    taken_at: now(),
  });
  const added = await addReaction(client, spot, 1500, clock);
  if (added.kind === "unclaimable") return added;
  if (added.kind === "taken") {
    const record = mine();
    await recordHolder(client, id, holder, record.taken_at!).catch((error) =>
      console.warn(`${id}: claim not recorded`, error)
    );
    return { kind: "taken", record, adopted: false };
  }
  if (added.kind === "failed" && !added.uncertain) return added;
  // The reaction is there, or may be. Adopted when no record names another
  // run that holds it, twice, RECORD_GRACE_MS apart: a run that has just
  // taken it writes its record within that time.
  const nobodyElse = (record: ClaimRecord | undefined) => {
    const judged = judgeClaim(record, holder, now());
    return judged === "free" || (judged === "unknown" && added.uncertain);
  };
  let record = await readClaim(client, id);
  if (nobodyElse(record)) {
    await clock.sleep(RECORD_GRACE_MS);
    record = await readClaim(client, id);
  }
  if (!nobodyElse(record)) {
    return added.kind === "failed"
      ? { kind: "failed", error: added.error }
      : { kind: "held", record };
  }
  if (added.kind === "failed") {
    // Whether it is there is not known: said in the record, so that the
    // next run adopts it rather than finding a reaction nobody holds.
    if (!record?.state) {
      await recordClaim(client, { ...mine(), state: "stuck" }).catch(
        (error) => console.warn(`${id}: stuck not recorded`, error),
      );
    }
    return { kind: "failed", error: added.error };
  }
  // Named, then confirmed: another run may be adopting it at this moment.
  const adopted = mine();
  const confirmed = await adoptClaim(
    client,
    id,
    holder,
    adopted.taken_at!,
    RECORD_GRACE_MS,
    clock,
  );
  if (!confirmed.mine) return { kind: "held", record: confirmed.record };
  return { kind: "taken", record: adopted, adopted: true };
}

/**
 * Marks (the :ticket: intake mark, the relay mark) stay on a message once
 * its work is done; their record says so, and nobody adopts them.
 */
export const markId = (spot: ReactionSpot) =>
  `mark:${spot.name}:${spot.channel}:${spot.timestamp}`;

/** A mark this run took, or adopted. */
export interface HeldMark {
  spot: ReactionSpot;
  record: ClaimRecord;
}

export type MarkOutcome =
  | { kind: "taken"; mark: HeldMark }
  | { kind: "held" }
  | { kind: "unclaimable"; code: string }
  | { kind: "failed"; error: SlackCallError };

export async function takeMark(
  client: SlackAPIClient,
  spot: ReactionSpot,
  label: string,
  clock: Clock = realClock,
): Promise<MarkOutcome> {
  const claim = await claimOnce(
    client,
    spot,
    markId(spot),
    newHolder(label),
    clock,
  );
  if (claim.kind !== "taken") return claim;
  return { kind: "taken", mark: { spot, record: claim.record } };
}

/** The work is done: the mark stays, and is nobody's to adopt. */
export async function keepMark(client: SlackAPIClient, mark: HeldMark) {
  await recordClaim(client, { ...mark.record, state: "kept" }).catch((error) =>
    console.warn(`${mark.record.id}: kept mark not recorded`, error)
  );
}

/**
 * The work failed: the mark is taken back, so that trying again can take it.
 * `toldNotDone`: its writer was told the work was not done; the record
 * keeps it (told_in) for the run that takes the mark next (toldBefore).
 */
export async function giveBackMark(
  client: SlackAPIClient,
  mark: HeldMark,
  clock: Clock = realClock,
  toldNotDone = false,
): Promise<boolean> {
  return await releaseReaction(
    client,
    mark.spot,
    toldNotDone ? { ...mark.record, told_in: TOLD_NOT_DONE } : mark.record,
    clock,
  );
}

const TOLD_NOT_DONE = "not done";

/**
 * Whether a run that held this mark before told its writer the work was not
 * done: taking the mark updates its record (recordHolder), which keeps that
 * word until keepMark writes the record anew (apps.datastore.update changes
 * only the fields it is given: docs.slack.dev/reference/methods/apps.datastore.update).
 */
export async function toldBefore(
  client: SlackAPIClient,
  mark: HeldMark,
): Promise<boolean> {
  const record = await readClaim(client, mark.record.id).catch(() => undefined);
  return record?.told_in === TOLD_NOT_DONE;
}
