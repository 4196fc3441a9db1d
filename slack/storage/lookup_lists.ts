// Lists of ids kept in the lookup datastore's `postings`, read and written
// whole: the closed-tickets index (closed_index.ts) and a person's parts of
// it (person_lists.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { TicketLookupDatastore } from "./datastore_refs.ts";
import {
  BULK_PUT_LIMIT,
  bulkDeleteItems,
  bulkGetItems,
  bulkPutItems,
  chunked,
  type StoredItem,
} from "./datastore.ts";

type LookupItem = StoredItem<typeof TicketLookupDatastore>;

/** The ids (or days) an item lists, by lookup; absent items left out. */
export async function readLists(
  client: SlackAPIClient,
  lookups: readonly string[],
): Promise<Map<string, string[]>> {
  if (!lookups.length) return new Map();
  const items = await bulkGetItems(client, TicketLookupDatastore, lookups);
  return new Map(
    items.map((item) => [
      item.lookup,
      (item.postings ?? []).filter((p): p is string =>
        typeof p === "string" && p !== ""
      ),
    ]),
  );
}

/**
 * Writes each list (sorted, once each); an empty one is deleted. Throws
 * when any was not written: the caller's next run writes it again.
 */
export async function writeLists(
  client: SlackAPIClient,
  lists: ReadonlyMap<string, readonly string[]>,
) {
  const items: LookupItem[] = [];
  const empty: string[] = [];
  for (const [lookup, list] of lists) {
    if (list.length) {
      items.push({ lookup, postings: [...new Set(list)].sort() });
    } else empty.push(lookup);
  }
  const failed = (await Promise.all(
    chunked(items, BULK_PUT_LIMIT).map((chunk) =>
      bulkPutItems(client, TicketLookupDatastore, chunk)
    ),
  )).flat().map((item) => item.lookup);
  failed.push(...await bulkDeleteItems(client, TicketLookupDatastore, empty));
  if (failed.length) {
    throw new Error(`closed-ticket index items not written: ${failed.join()}`);
  }
}
