// Ids kept per hour for the scheduled run, in `locks` (no datastore is left
// to add): one item per kind and hour, "<kind>:<hour start>", its ids in
// `told_ids` (the attribute's name is from the first kind, told items).
// The run reads a few hours' items in one bulkGet, so what it costs follows
// the ids kept, never the number of tickets or the size of `locks`.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { LocksDatastore } from "./datastore_refs.ts";
import { bulkGetItems, deleteItem, getItem, putItem } from "./datastore.ts";

const HOUR = 3600;

/** The hour starts from `from` while before `until`, `limit` at most. */
export function hoursBetween(from: number, until: number, limit: number) {
  const hours: number[] = [];
  for (let h = from; h < until && hours.length < limit; h += HOUR) {
    hours.push(h);
  }
  return hours;
}

export const hourListId = (kind: string, seconds: number) =>
  `${kind}:${seconds - seconds % HOUR}`;

/**
 * Adds `id` to its hour's list: a read then a write, so two writers of one
 * hour at once may overwrite each other's id. Each reads its list back and
 * writes once more when its id is not there, and logs one still missing.
 * A rarer interleaving (the other's write lands after this one read back)
 * still loses an id unseen: what it was kept for has a slow backstop that
 * finds it without the list (the tickets' walk over every ticket, the
 * told items' look over `locks`).
 */
export async function keepHourId(
  client: SlackAPIClient,
  kind: string,
  id: string,
  at: number,
) {
  const list = { id: hourListId(kind, at), told_ids: [] as string[] };
  for (let tries = 0; tries < 3; tries++) {
    list.told_ids = (await getItem(client, LocksDatastore, list.id))
      ?.told_ids ?? [];
    if (list.told_ids.includes(id)) return;
    if (tries === 2) break;
    list.told_ids.push(id);
    await putItem(client, LocksDatastore, list);
  }
  console.error(`${id} lost from ${list.id}`);
}

/** Each hour's ids; hours with no list left out. */
export async function idsByHour(
  client: SlackAPIClient,
  kind: string,
  hours: readonly number[],
): Promise<Map<number, string[]>> {
  const items = await bulkGetItems(
    client,
    LocksDatastore,
    hours.map((hour) => hourListId(kind, hour)),
  );
  // Each list's hour is in its id, after "<kind>:".
  return new Map(
    items.map((item) => [
      Number(item.id.slice(kind.length + 1)),
      item.told_ids ?? [],
    ]),
  );
}

/** The hour's list as `ids`, deleted when none are left. */
export async function saveHourIds(
  client: SlackAPIClient,
  kind: string,
  hour: number,
  ids: readonly string[],
) {
  const listId = hourListId(kind, hour);
  if (!ids.length) await deleteItem(client, LocksDatastore, listId);
  else {await putItem(client, LocksDatastore, {
      id: listId,
      told_ids: [...ids],
    });}
}
