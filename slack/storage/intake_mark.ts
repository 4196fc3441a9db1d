// When Helpdesk's ticket mark (see use_cases/opening/message_intake.ts) was
// taken on a message, kept with the ticket locks' times (datastores/locks.ts)
// so that a mark left by a run that did not finish (it died, or could not
// take the mark back) expires instead of blocking the message for good. As
// with the ticket lock (ticket_lock.ts), no run lives longer than that.
import { LocksDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { getItem, putItem, type StoredItem } from "./datastore.ts";
import { hourListId, keepHourId } from "./hour_ids.ts";

/** Longer than any run can live (60 s deployed), with a margin. */
export const MARK_STALE_AFTER_SECONDS = 75;

const markId = (channel: string, ts: string) => `mark:${channel}:${ts}`;

/**
 * A run's record of the mark names the run ("intake:<run>"; records written
 * before runs were named say "intake"), so that a run whose own mark may
 * still be on the message can tell another run's record from its own.
 */
const INTAKE = "intake";
const holderFor = (run: string) => `${INTAKE}:${run}`;

/** The mark was just taken by a live run, `run` (an id no other run has). */
export async function recordMarkTaken(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
  nowSeconds: number,
  run: string,
) {
  await putItem(client, LocksDatastore, {
    id: markId(where.channel, where.ts),
    taken_at: nowSeconds,
    holder: holderFor(run),
  });
}

/** Its run stopped and could not take the mark back: free it at once. */
export async function recordMarkLeft(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
) {
  await putItem(client, LocksDatastore, {
    id: markId(where.channel, where.ts),
    taken_at: 0,
    holder: "released",
  });
}

/**
 * Whether nobody is working under the mark any more: its run said it
 * stopped, or took it longer ago than any run lives. A mark with no record
 * (its run died before writing one) starts its clock now, for a later
 * reaction to judge.
 */
export async function markAbandoned(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
  nowSeconds: number,
): Promise<boolean> {
  const id = markId(where.channel, where.ts);
  const record = await getItem(client, LocksDatastore, id);
  if (record?.holder === "released") return true;
  if (record?.taken_at === undefined) {
    await putItem(client, LocksDatastore, {
      id,
      taken_at: nowSeconds,
      holder: "unknown: seen held",
    });
    return false;
  }
  return nowSeconds - Number(record.taken_at) > MARK_STALE_AFTER_SECONDS;
}

/**
 * Whether a live run has said it holds the mark: its record was written
 * right after Slack accepted its add, less than MARK_STALE_AFTER_SECONDS ago.
 * With `besides`, a run other than that one (a read may answer that run's
 * own older record: datastore reads are eventually consistent, see
 * docs/platform.md).
 */
export async function markHeldByLiveRun(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
  nowSeconds: number,
  besides?: string,
): Promise<boolean> {
  const record = await getItem(
    client,
    LocksDatastore,
    markId(where.channel, where.ts),
  );
  const holder = String(record?.holder ?? "");
  const byIntake = holder === INTAKE || holder.startsWith(`${INTAKE}:`);
  return byIntake &&
    (besides === undefined || holder !== holderFor(besides)) &&
    nowSeconds - Number(record?.taken_at ?? 0) <= MARK_STALE_AFTER_SECONDS;
}

/**
 * A run that failed told the reactor (`holder`) no ticket was made from the
 * message, at `taken_at`: in the DM `told_in` ("<channel> <ts>"), or in an
 * ephemeral when that is absent. Its `state` is "told", then "corrected"
 * once a run that made the ticket after all told them so. Kept apart from
 * the mark's record, which the run taking the mark next writes over.
 */
export type ToldNone = StoredItem<typeof LocksDatastore>;

export const toldNoneId = (channel: string, ts: string) =>
  `told:${channel}:${ts}`;

export function recordToldNone(client: SlackAPIClient, told: ToldNone) {
  return putItem(client, LocksDatastore, told);
}

/**
 * How long a told item can matter: a twin delivery of the same reaction
 * comes within minutes (event triggers document no retry schedule; see
 * docs/architecture.md), so an hour is a generous choice. An older item
 * is never used to correct, and the scheduled run deletes it
 * (use_cases/schedule/told_expiry.ts).
 */
export const TOLD_WINDOW_SECONDS = 3600;

/** The kind of hour list (hour_ids.ts) that indexes the told items. */
export const TOLD_HOURS = "told-hour";

export const toldHourId = (seconds: number) => hourListId(TOLD_HOURS, seconds);

/**
 * The told item's id added to its hour's index, for the scheduled run to
 * find it without scanning the locks (see hour_ids.ts for concurrent
 * writers; docs/security.md).
 */
export function indexToldNone(
  client: SlackAPIClient,
  id: string,
  takenAt: number,
) {
  return keepHourId(client, TOLD_HOURS, id, takenAt);
}

export function toldNone(client: SlackAPIClient, channel: string, ts: string) {
  return getItem(client, LocksDatastore, toldNoneId(channel, ts));
}
