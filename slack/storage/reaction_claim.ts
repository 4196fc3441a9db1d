// A reaction as a claim: Helpdesk's own reaction on a message, which Slack
// lets the bot add once (a second reactions.add answers `already_reacted`),
// plus a record in the locks datastore naming the run that holds it. The
// ticket lock (ticket_lock.ts), the :ticket: intake mark and the relay mark
// are such claims.
//
// The reaction belongs to the bot, not to a run: any run can remove it,
// whoever added it. So a run removes a claim's reaction only when it knows it
// holds it: Slack accepted its reactions.add, or it adopted the claim after
// the record showed that nobody else holds it. A reactions.add that failed
// with anything but `already_reacted` is never followed by a blind
// reactions.remove (that removed whichever run held the lock then). An
// adoption is confirmed before the run acts on it (adoptClaim), since two
// runs can adopt at the same moment.
//
// Sources for the Slack behaviours relied on:
// - reactions.add answers `already_reacted` when "the specified item already
//   has the user/reaction combination"; also `message_not_found`,
//   `channel_not_found`, `not_in_channel`, `is_archived`, `too_many_emoji`,
//   `too_many_reactions`, `thread_locked`; Tier 3 (50+ a minute).
//   https://docs.slack.dev/reference/methods/reactions.add
// - reactions.remove answers `no_reaction` when the bot has no such reaction
//   there; Tier 2 (20+ a minute).
//   https://docs.slack.dev/reference/methods/reactions.remove
// - A rate-limited call is answered HTTP 429 with a Retry-After header (in
//   seconds) and is not carried out.
//   https://docs.slack.dev/apis/web-api/rate-limits
// - apps.datastore.get/put: Tier 4 (100+ a minute); Slack's datastores are
//   DynamoDB tables, whose default reads are eventually consistent: a read
//   may miss a write made just before.
//   https://docs.slack.dev/reference/methods/apps.datastore.get
//   https://docs.slack.dev/tools/deno-slack-sdk/guides/using-datastores
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html
// - Nothing promises that two reactions.add at the same instant give exactly
//   one success; Slack documents `already_reacted`, and the Helpdesk
//   check-up tests it in the workspace.
// - A call that times out or answers 5xx may or may not have been carried
//   out; nothing documents either way, so both are handled.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { LocksDatastore } from "./datastore_refs.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { getItem, putItem, type StoredItem, updateItem } from "./datastore.ts";

export interface ReactionSpot {
  channel: string;
  timestamp: string;
  name: string;
}

export type ClaimRecord = StoredItem<typeof LocksDatastore>;

/** Longer than any run can live (60 s deployed), with a margin. */
export const STALE_AFTER_SECONDS = 75;

/**
 * Longer than a release takes: a removal, and one more after a 429 of at
 * most 1 s or a probe after a 5xx (RECORD_GRACE_MS), with their calls.
 */
export const RELEASE_SECONDS = 4;

/** Where a claim can't be made at all. */
export const UNCLAIMABLE = new Set([
  "message_not_found",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "too_many_emoji",
  "too_many_reactions",
  "thread_locked",
]);

export interface Clock {
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = {
  nowMs: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A token for one run's claims: never the same for two runs. */
export function newHolder(label = ""): string {
  return `${label ? `${label}/` : ""}${crypto.randomUUID()}`;
}

export type AddOutcome =
  /** Slack accepted this run's reaction: the claim is this run's. */
  | { kind: "taken" }
  /**
   * The bot's reaction is there. `uncertain`: an earlier add of this run
   * failed in a way that may have landed, so it may be this run's own.
   */
  | { kind: "present"; uncertain: boolean }
  | { kind: "unclaimable"; code: string }
  /** Slack did not answer usably, twice; the reaction may or may not be there. */
  | { kind: "failed"; error: SlackCallError; uncertain: boolean };

/**
 * One reactions.add, asked once more after a failure: after Retry-After for
 * a 429 (when it fits `budgetMs`), at once for a 5xx or a lost answer. The
 * second answer tells what the first could not: accepted (it was not
 * there), or `already_reacted` (there, maybe by the first).
 */
export async function addReaction(
  client: SlackAPIClient,
  spot: ReactionSpot,
  budgetMs: number,
  clock: Clock = realClock,
): Promise<AddOutcome> {
  const started = clock.nowMs();
  let uncertain = false;
  for (let attempt = 1;; attempt++) {
    try {
      await slackCall(client, "reactions.add", { ...spot });
      return { kind: "taken" };
    } catch (error) {
      if (!(error instanceof SlackCallError)) throw error;
      if (error.code === "already_reacted") {
        return { kind: "present", uncertain };
      }
      if (UNCLAIMABLE.has(error.code)) {
        return { kind: "unclaimable", code: error.code };
      }
      // A 429 is not carried out (Slack's rate limit guide); anything else
      // may have been.
      if (error.code !== "ratelimited") uncertain = true;
      const pause = error.code === "ratelimited"
        ? (error.details.retryAfterSeconds ?? 1) * 1000
        : 100;
      const left = budgetMs - (clock.nowMs() - started);
      if (attempt >= 2 || pause > left) {
        return { kind: "failed", error, uncertain };
      }
      await clock.sleep(pause);
    }
  }
}

export async function readClaim(
  client: SlackAPIClient,
  id: string,
): Promise<ClaimRecord | undefined> {
  return await getItem(client, LocksDatastore, id);
}

/** The whole record: a release, with what the next holder must know. */
export function recordClaim(
  client: SlackAPIClient,
  record: ClaimRecord,
): Promise<unknown> {
  return putItem(client, LocksDatastore, record);
}

/**
 * A run names itself holder, first thing after Slack accepted its reaction
 * (or it adopted it): only the fields it knows are written, so the `rev` the
 * last holder left stays for this run to read.
 */
export function recordHolder(
  client: SlackAPIClient,
  id: string,
  holder: string,
  takenAt: number,
): Promise<unknown> {
  return updateItem(client, LocksDatastore, {
    id,
    holder,
    state: "held",
    taken_at: takenAt,
  });
}

export type Judgement =
  /** Another run holds it and is alive, or is letting go. */
  | "other"
  /** Its holder is done and is taking the reaction back. */
  | "releasing"
  /** Nobody holds it: its holder could not let go, or died, or it is ours. */
  | "free"
  /** No record: a holder that has not written it yet, or one that died. */
  | "unknown";

/** What a record says of a claim whose reaction is there. */
export function judgeClaim(
  record: ClaimRecord | undefined,
  holder: string,
  nowSeconds: number,
): Judgement {
  if (!record?.state) return "unknown";
  if (record.holder === holder) return "free";
  if (record.state === "stuck") return "free";
  if (record.state === "kept") return "other";
  const since = nowSeconds - Number(record.taken_at ?? 0);
  if (record.state === "releasing") {
    // A release takes a removal and one retry after a 429: one whose
    // reaction is still there long after was lost, or the reaction is a
    // later run's whose answer was lost.
    return since > RELEASE_SECONDS ? "free" : "releasing";
  }
  return since > STALE_AFTER_SECONDS ? "free" : "other";
}

/**
 * Takes a claim's reaction back, by the run that holds it. The record says
 * "releasing" first (with what the next holder must know), then the
 * reaction goes. A removal Slack refused leaves the record "stuck": the next
 * run adopts the reaction instead of waiting for it to go stale. A removal
 * is asked again only after a 429 (not carried out); after a 5xx or a lost
 * answer it is not, since by then another run may hold a new reaction.
 */
export async function releaseReaction(
  client: SlackAPIClient,
  spot: ReactionSpot,
  record: ClaimRecord,
  clock: Clock = realClock,
): Promise<boolean> {
  // taken_at is the time of the record's last change: a release that never
  // finished is judged by it.
  const releasing = {
    ...record,
    state: "releasing",
    taken_at: Math.floor(clock.nowMs() / 1000),
  };
  await recordClaim(client, releasing).catch(() =>
    recordClaim(client, releasing).catch((error) =>
      console.warn(`${record.id}: release not recorded`, error)
    )
  );
  for (let attempt = 1;; attempt++) {
    try {
      await slackCall(client, "reactions.remove", { ...spot });
      return true;
    } catch (error) {
      if (error instanceof SlackCallError && error.code === "no_reaction") {
        return true;
      }
      if (attempt < 2) {
        const again = await mayRemoveAgain(
          client,
          spot,
          releasing,
          error,
          clock,
        );
        if (again === "theirs") return true;
        if (again === "again") continue;
      }
      console.error(`${record.id}: reaction not taken back`, error);
      await recordClaim(client, { ...releasing, state: "stuck" }).catch(
        (failed) => console.warn(`${record.id}: stuck not recorded`, failed),
      );
      return false;
    }
  }
}

/**
 * After a failed removal: a 429 was not carried out, and is asked again
 * after Retry-After. Anything else may have landed, and another run may
 * have added the reaction since, so the reaction is never removed blindly:
 * this run adds it again. Accepted, the removal had landed and the reaction
 * is this run's again, to remove. Already there, it is this run's unless,
 * RECORD_GRACE_MS later (time for a run that took it to name itself), the
 * record names another holder.
 */
async function mayRemoveAgain(
  client: SlackAPIClient,
  spot: ReactionSpot,
  releasing: ClaimRecord,
  error: unknown,
  clock: Clock,
): Promise<"again" | "theirs" | "stop"> {
  if (error instanceof SlackCallError && error.code === "ratelimited") {
    // Longer, and the release would outlast RELEASE_SECONDS: left stuck.
    const wait = (error.details.retryAfterSeconds ?? 1) * 1000;
    if (wait > 1000) return "stop";
    await clock.sleep(wait);
    return "again";
  }
  try {
    await slackCall(client, "reactions.add", { ...spot });
    return "again";
  } catch (added) {
    if (!(added instanceof SlackCallError)) throw added;
    if (added.code !== "already_reacted") return "stop";
  }
  await clock.sleep(RECORD_GRACE_MS);
  const now = await readClaim(client, releasing.id).catch((error) => {
    console.warn(
      `${releasing.id}: record not read before removing again`,
      error,
    );
    return undefined;
  });
  if (now?.holder && now.holder !== releasing.holder) return "theirs";
  return "again";
}

/**
 * How long a run that has just taken a claim is given for its record to be
 * seen by every read, before another run concludes that nobody holds the
 * reaction: the record is written one call after the reaction, and
 * DynamoDB's eventually consistent reads usually see a write within a second
 * (its read consistency page; nothing promises it).
 */
export const RECORD_GRACE_MS = 1000;

/**
 * Adopts a claim whose reaction is there while no record names another live
 * holder. Two runs can conclude so at the same moment (two adds whose
 * answers were lost, two runs waiting on a claim left stuck), and a write
 * can't be made on condition. So the run names itself, waits `settleMs`
 * (longer than another run takes from its last look to its own naming, and
 * than a read lags behind a write), and reads the record again: the claim is
 * its own only if its name is still there. Of two runs that named
 * themselves, the later name stays and the earlier run sees it (Fischer's
 * timed mutual exclusion: Lamport, "A Fast Mutual Exclusion Algorithm",
 * 1987, section 1). A record that can't be read again is not taken as
 * confirmation.
 */
export async function adoptClaim(
  client: SlackAPIClient,
  id: string,
  holder: string,
  takenAt: number,
  settleMs: number,
  clock: Clock = realClock,
): Promise<{ mine: boolean; record?: ClaimRecord }> {
  await recordHolder(client, id, holder, takenAt);
  await clock.sleep(settleMs);
  const record = await readClaim(client, id).catch((error) => {
    console.warn(`${id}: adoption not confirmed`, error);
    return undefined;
  });
  return { mine: record?.holder === holder, record };
}
