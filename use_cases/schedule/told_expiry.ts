// Clearing what :ticket: runs that failed kept of whom they told "No ticket
// was made" (slack/storage/intake_mark.ts): each told item matters for
// TOLD_WINDOW_SECONDS, the time a twin delivery of the reaction may take,
// and is then deleted here, an hour's index at a time, the oldest first,
// from where the last run stopped. Its cost follows the told items: a read
// of where it is, one of the hours due (25 a call), one of their items and
// a delete per 25 ids.
// An erasure deletes the person's items at once, expired or not. What no
// index holds (its write failed, or a concurrent one overwrote it) is found
// by a slow look over `locks`, a page a run (forgetUnindexedTold).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { type CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import { SlackCallError } from "../../slack/api/slack_call.ts";
import { bulkDeleteItems } from "../../slack/storage/datastore.ts";
import { LocksDatastore } from "../../slack/storage/datastore_refs.ts";
import {
  TOLD_WINDOW_SECONDS,
  toldHourId,
} from "../../slack/storage/intake_mark.ts";
import {
  firstHourLeft,
  hoursBetween,
  saveFirstHourLeft,
  saveToldScanCursor,
  toldIdsByHour,
  toldItems,
  toldKeptBefore,
  toldScanCursor,
} from "../../slack/storage/told_index.ts";
import { roomFor } from "./retention.ts";
import type { PhaseResult } from "./run_report.ts";

const HOUR = 3600;
/** Hours cleared per run at most: their indexes take one read. */
export const TOLD_HOURS_PER_RUN = 25;

/**
 * The hours whose every item is past the window: an hour's index gets its
 * last id before the hour ends (a run writes it within its 60 s, from the
 * time it kept), and that item expires TOLD_WINDOW_SECONDS later.
 */
const clearableBefore = (now: number) => now - HOUR - TOLD_WINDOW_SECONDS + 1;

export async function forgetExpiredTold(
  client: SlackAPIClient,
  budget: CallBudget,
  now: number,
): Promise<PhaseResult> {
  const result = (cutShort: boolean): PhaseResult => ({
    part: {},
    cutShort,
    wrote: [],
  });
  try {
    const first = await firstHourLeft(client, now);
    const until = clearableBefore(now);
    const hours = hoursBetween(first, until, TOLD_HOURS_PER_RUN);
    if (!hours.length) return result(false);
    const ids = await toldIdsByHour(client, hours);
    // An item written again later (the same message failed again) is
    // in that hour's index too, and kept until its own time is up.
    const items = await toldItems(client, [...ids.values()].flat());
    const fresh = new Set(
      items.filter((told) => told.taken_at! >= now - TOLD_WINDOW_SECONDS)
        .map((told) => told.id),
    );
    let next = first;
    try {
      for (const hour of hours) {
        const told = ids.get(hour);
        // No index: nobody was told anything that hour.
        if (!told) {
          next = hour + HOUR;
          continue;
        }
        const doomed = [
          ...told.filter((id) => !fresh.has(id)),
          toldHourId(hour),
        ];
        const calls = Math.ceil(doomed.length / 25);
        const room = roomFor(budget, {
          "apps.datastore.bulkDelete": calls,
          "apps.datastore.put": 1,
        });
        if (!room) break;
        // Deleting an id that is gone already is no error: a run stopped
        // before saving where it was does it again harmlessly.
        const failed = await bulkDeleteItems(client, LocksDatastore, doomed);
        if (failed.length) break;
        next = hour + HOUR;
      }
    } finally {
      if (next > first) await saveFirstHourLeft(client, next);
    }
    // Cut short: stopped at an hour, or more hours due than a run reads.
    return result(hoursBetween(next, until, 1).length > 0);
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    return result(true);
  }
}

/**
 * The told items naming the person, from every hour not cleared yet (the
 * scheduled run clears the older ones): how many were deleted.
 */
export async function forgetToldBy(
  client: SlackAPIClient,
  user: string,
  now: number,
): Promise<number> {
  const first = await firstHourLeft(client, now);
  const hours = hoursBetween(first, now + 1, Infinity);
  const ids = [...(await toldIdsByHour(client, hours)).values()].flat();
  if (!ids.length) return 0;
  const theirs = (await toldItems(client, ids))
    .filter((told) => told.holder === user).map((told) => told.id);
  const failed = await bulkDeleteItems(client, LocksDatastore, theirs);
  // Still in their index: the scheduled run deletes them within two hours.
  if (failed.length) console.warn("told items not deleted yet", failed);
  return theirs.length - failed.length;
}

/** Items of `locks` the slow look evaluates per run: one query. */
export const TOLD_SCAN_PAGE = 1000;

/**
 * The slow look: one page of `locks` a run, from where the last stopped,
 * for told items past the window that no index led to. Its cost per run
 * is a query, whatever the size of `locks`; a pass over 100,000 items
 * takes 100 runs, about a day. A run stopped before saving its place
 * reads the page again, minus what it deleted.
 */
export async function forgetUnindexedTold(
  client: SlackAPIClient,
  budget: CallBudget,
  now: number,
  pageSize = TOLD_SCAN_PAGE,
): Promise<PhaseResult> {
  const result = (cutShort: boolean): PhaseResult => ({
    part: {},
    cutShort,
    wrote: [],
  });
  const calls = { "apps.datastore.query": 1, "apps.datastore.put": 1 };
  if (!roomFor(budget, calls)) return result(true);
  try {
    const cursor = await toldScanCursor(client);
    const before = now - TOLD_WINDOW_SECONDS;
    let page;
    try {
      page = await toldKeptBefore(client, before, cursor, pageSize);
    } catch (error) {
      // A cursor Slack no longer takes: the pass starts over.
      if (isCarryOver(error) || !(error instanceof SlackCallError)) {
        throw error;
      }
      if (!cursor) throw error;
      console.warn("told scan cursor refused; starting over", error);
      await saveToldScanCursor(client, undefined);
      return result(true);
    }
    const ids = page.items.map((told) => told.id);
    const failed = await bulkDeleteItems(client, LocksDatastore, ids);
    // Those not deleted are met again on the next pass.
    if (failed.length) console.warn("told items not deleted yet", failed);
    if (page.cursor !== cursor) await saveToldScanCursor(client, page.cursor);
    return result(false);
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    return result(true);
  }
}
