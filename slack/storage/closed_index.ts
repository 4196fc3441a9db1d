// The closed-tickets index, in the lookup datastore: tickets that closed
// and left the open work index, by the UTC day they closed
// (`closed:<day>`, their ids) and by the people they name
// (`person:<user>`, their ids), with `closed:` listing the days that have
// any. The retention purge reads the oldest days, so its cost follows the
// tickets due, never the history; erasing a person reads their item.
//
// Like the similar-tickets index, items are read, changed and written back:
// only the scheduled run writes here, one run at a time. Adding an id that
// is there already changes nothing, so a run that failed midway and the one
// after it leave each id once.
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

export const CLOSED_DAYS = "closed:";
export const closedDay = (day: string) => `closed:${day}`;
export const personTickets = (user: string) => `person:${user}`;

/** A closed ticket as the index files it. */
export interface ClosedTicket {
  id: string;
  /** "2026-11-26": the UTC day it closed. */
  day: string;
  /** Whom it names (see peopleOf). */
  people: string[];
}

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
async function writeLists(
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

/** Adds closed tickets under their day and their people. */
export async function addClosed(
  client: SlackAPIClient,
  tickets: readonly ClosedTicket[],
): Promise<void> {
  if (!tickets.length) return;
  const adding = new Map<string, Set<string>>();
  const add = (lookup: string, value: string) =>
    adding.set(lookup, (adding.get(lookup) ?? new Set()).add(value));
  for (const ticket of tickets) {
    add(closedDay(ticket.day), ticket.id);
    add(CLOSED_DAYS, ticket.day);
    for (const person of ticket.people) add(personTickets(person), ticket.id);
  }
  const stored = await readLists(client, [...adding.keys()]);
  const changed = new Map<string, string[]>();
  for (const [lookup, values] of adding) {
    const had = stored.get(lookup) ?? [];
    const next = new Set([...had, ...values]);
    if (next.size !== had.length) changed.set(lookup, [...next]);
  }
  // The days' list last: a day it names always has its item.
  const days = changed.get(CLOSED_DAYS);
  changed.delete(CLOSED_DAYS);
  await writeLists(client, changed);
  if (days) await writeLists(client, new Map([[CLOSED_DAYS, days]]));
}

/**
 * Removes ids from the lists that hold them (by lookup); a day left empty
 * leaves the days' list too.
 */
export async function removeFromLists(
  client: SlackAPIClient,
  removing: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<void> {
  if (!removing.size) return;
  const stored = await readLists(client, [...removing.keys(), CLOSED_DAYS]);
  const changed = new Map<string, string[]>();
  const emptiedDays: string[] = [];
  for (const [lookup, ids] of removing) {
    const had = stored.get(lookup);
    if (!had) continue;
    const next = had.filter((id) => !ids.has(id));
    if (next.length === had.length) continue;
    changed.set(lookup, next);
    if (!next.length && lookup.startsWith(CLOSED_DAYS)) {
      emptiedDays.push(lookup.slice(CLOSED_DAYS.length));
    }
  }
  await writeLists(client, changed);
  const days = stored.get(CLOSED_DAYS);
  if (days && emptiedDays.length) {
    await writeLists(
      client,
      new Map([[CLOSED_DAYS, days.filter((d) => !emptiedDays.includes(d))]]),
    );
  }
}

/** Days that have closed tickets, oldest first, before `beforeDay`. */
export async function closedDaysBefore(
  client: SlackAPIClient,
  beforeDay: string,
): Promise<string[]> {
  const days = (await readLists(client, [CLOSED_DAYS])).get(CLOSED_DAYS) ?? [];
  return days.filter((day) => day < beforeDay).sort();
}
