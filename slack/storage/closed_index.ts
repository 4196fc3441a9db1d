// The closed-tickets index, in the lookup datastore: tickets that closed
// and left the open work index, by the UTC day they closed
// (`closed:<day>`, their ids) and by the people they name
// (`person:<user>`, their ids), with `closed:` listing the days that have
// any. The retention purge reads the oldest days, so its cost follows the
// tickets due, never the history; erasing a person reads their list,
// kept in parts of bounded size (person_lists.ts).
//
// Like the similar-tickets index, items are read, changed and written back:
// only the scheduled run writes here, one run at a time. Adding an id that
// is there already changes nothing, so a run that failed midway and the one
// after it leave each id once.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { readLists, writeLists } from "./lookup_lists.ts";
import {
  addToPersonLists,
  PERSON_PART_SIZE,
  personTickets,
  removeFromPersonLists,
  userOfLookup,
} from "./person_lists.ts";

export { readLists } from "./lookup_lists.ts";
export { personTickets };

export const CLOSED_DAYS = "closed:";
export const closedDay = (day: string) => `closed:${day}`;

/** A closed ticket as the index files it. */
export interface ClosedTicket {
  id: string;
  /** "2026-11-26": the UTC day it closed. */
  day: string;
  /** Whom it names (see peopleOf). */
  people: string[];
}

/** The entries of `lists` for people's lists, by user, taken out of it. */
function takePeople<T>(lists: Map<string, T>): Map<string, T> {
  const people = new Map<string, T>();
  for (const [lookup, value] of lists) {
    const user = userOfLookup(lookup);
    if (user === undefined) continue;
    people.set(user, value);
    lists.delete(lookup);
  }
  return people;
}

/** Adds closed tickets under their day and their people. */
export async function addClosed(
  client: SlackAPIClient,
  tickets: readonly ClosedTicket[],
  partSize = PERSON_PART_SIZE,
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
  // A person's list is in parts (person_lists.ts); written before the days
  // so that a run that fails midway files the tickets again.
  await addToPersonLists(client, takePeople(adding), partSize);
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
  const days = new Map(removing);
  await removeFromPersonLists(client, takePeople(days));
  if (!days.size) return;
  const stored = await readLists(client, [...days.keys(), CLOSED_DAYS]);
  const changed = new Map<string, string[]>();
  const emptiedDays: string[] = [];
  for (const [lookup, ids] of days) {
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
  const listed = stored.get(CLOSED_DAYS);
  if (listed && emptiedDays.length) {
    await writeLists(
      client,
      new Map([[CLOSED_DAYS, listed.filter((d) => !emptiedDays.includes(d))]]),
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
