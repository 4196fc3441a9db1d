// Where the scheduled run is in clearing the told items (intake_mark.ts):
// the hour indexes ("told-hour:<hour start>") it reads, and the first hour
// not cleared yet ("told-swept", its taken_at). Reading a few index items a
// run keeps the cost with the told items, never with the size of `locks`.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { LocksDatastore } from "./datastore_refs.ts";
import { bulkGetItems, getItem, putItem, queryPage } from "./datastore.ts";
import { TOLD_HOURS, type ToldNone } from "./intake_mark.ts";
import { idsByHour } from "./hour_ids.ts";

const HOUR = 3600;
const SWEPT = "told-swept";
/**
 * Hours looked back at before the first clearing: indexes are only written
 * from the release that clears them on, which runs four times an hour.
 */
export const FIRST_LOOK_BACK_HOURS = 24;

/** The first hour (its start, in seconds) whose index is still there. */
export async function firstHourLeft(client: SlackAPIClient, now: number) {
  const swept = await getItem(client, LocksDatastore, SWEPT);
  const start = now - now % HOUR - FIRST_LOOK_BACK_HOURS * HOUR;
  return swept?.taken_at ?? start;
}

export async function saveFirstHourLeft(client: SlackAPIClient, hour: number) {
  await putItem(client, LocksDatastore, {
    id: SWEPT,
    taken_at: hour,
    holder: "scheduled run",
  });
}

export { hoursBetween } from "./hour_ids.ts";

/** The told ids each of these hours' indexes holds; hours with none left out. */
export function toldIdsByHour(
  client: SlackAPIClient,
  hours: readonly number[],
): Promise<Map<number, string[]>> {
  return idsByHour(client, TOLD_HOURS, hours);
}

export function toldItems(
  client: SlackAPIClient,
  ids: readonly string[],
): Promise<ToldNone[]> {
  return bulkGetItems(client, LocksDatastore, ids);
}

const SCAN = "told-scan";

/** Where the slow look over `locks` stopped (none: at the start). */
export async function toldScanCursor(client: SlackAPIClient) {
  return (await getItem(client, LocksDatastore, SCAN))?.scan_cursor;
}

export async function saveToldScanCursor(
  client: SlackAPIClient,
  cursor: string | undefined,
) {
  await putItem(client, LocksDatastore, {
    id: SCAN,
    ...(cursor ? { scan_cursor: cursor } : {}),
  });
}

/**
 * One page of `locks` (`limit` items evaluated): the told items on it kept
 * before `before`, and where the next page starts (none: the end).
 */
export function toldKeptBefore(
  client: SlackAPIClient,
  before: number,
  cursor: string | undefined,
  limit: number,
) {
  return queryPage(client, LocksDatastore, {
    cursor,
    limit,
    filter: {
      expression: "begins_with(#id, :told) AND #at < :before",
      attributes: { "#id": "id", "#at": "taken_at" },
      values: { ":told": "told:", ":before": before },
    },
  });
}
