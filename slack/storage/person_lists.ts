// A person's closed tickets, for erasure (use_cases/schedule/erasure.ts),
// in parts of at most PERSON_PART_SIZE ids. One list of every ticket would
// outgrow a datastore item for a requester such as a connector's bot: the
// datastores are DynamoDB tables
// (https://docs.slack.dev/tools/deno-slack-sdk/guides/using-datastores),
// whose items hold 400 KB at most (DynamoDB's service quotas), about 15,000
// ids; the fake refuses a bigger item as DynamoDB does.
//
// Ticket ids sort by creation time (helpdesk/tickets/ticket_ids.ts), so
// the parts are ranges of ids. `person:<user>` (the head) holds the newest
// range and, as "<id" entries, the bounds of the older parts:
// `person:<user><b>` holds the ids below b and from the bound before it.
// A list written before parts existed is a head without bounds: it is
// read as it is and split the first time it grows past a part.
//
// A part that grows past the size is split: the new lower parts are
// written first, then the head with their bounds, then the part itself.
// A run stopped in between leaves at worst a part unread (the head never
// named it) or ids outside a part's range, which reads ignore and the
// next write of that part drops: every id stays where a read finds it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { readLists, writeLists } from "./lookup_lists.ts";

/** Ids a part holds at most: about 135 KB, a third of the item limit. */
export const PERSON_PART_SIZE = 5_000;
/** Parts read in one bulk read by the erasure's page. */
const PARTS_PER_READ = 4;

const HEAD = "person:";
const BOUND = "<";
export const personTickets = (user: string) => `${HEAD}${user}`;
const partOf = (user: string, bound: string) =>
  `${HEAD}${user}${BOUND}${bound}`;

/** The user of a head's lookup, undefined for any other lookup. */
export function userOfLookup(lookup: string): string | undefined {
  if (!lookup.startsWith(HEAD)) return undefined;
  const user = lookup.slice(HEAD.length);
  return user.includes(BOUND) ? undefined : user;
}

interface Part {
  lookup: string;
  /** The range it holds: [from, below); the head has no `below`. */
  from: string;
  below?: string;
}

interface Head {
  ids: string[];
  /** The older parts' bounds, ascending. */
  bounds: string[];
}

function parseHead(postings: readonly string[] = []): Head {
  return {
    ids: postings.filter((p) => !p.startsWith(BOUND)),
    bounds: postings.filter((p) => p.startsWith(BOUND))
      .map((p) => p.slice(BOUND.length)).sort(),
  };
}

const headPostings = (ids: readonly string[], bounds: readonly string[]) => [
  ...ids,
  ...bounds.map((b) => BOUND + b),
];

/** The person's parts, oldest first, the head last. */
function partsOf(user: string, bounds: readonly string[]): Part[] {
  const parts: Part[] = bounds.map((below, i) => ({
    lookup: partOf(user, below),
    from: bounds[i - 1] ?? "",
    below,
  }));
  parts.push({ lookup: personTickets(user), from: bounds.at(-1) ?? "" });
  return parts;
}

const holds = (part: Part, id: string) =>
  id >= part.from && (part.below === undefined || id < part.below);

const partFor = (parts: readonly Part[], id: string) =>
  parts.find((part) => holds(part, id))!;

interface Loaded {
  user: string;
  head: Head;
  parts: Part[];
  /** Each touched part's ids in its range, by lookup. */
  ids: Map<string, string[]>;
  /** The ids to change, by the part they fall in. */
  changing: Map<Part, string[]>;
}

/** The heads of `users` and the parts `changes` falls in. */
async function load(
  client: SlackAPIClient,
  changes: ReadonlyMap<string, Iterable<string>>,
): Promise<Loaded[]> {
  const users = [...changes.keys()];
  const heads = await readLists(client, users.map(personTickets));
  const loaded = users.map((user) => {
    const head = parseHead(heads.get(personTickets(user)));
    const parts = partsOf(user, head.bounds);
    const changing = new Map<Part, string[]>();
    for (const id of changes.get(user)!) {
      const part = partFor(parts, id);
      changing.set(part, [...changing.get(part) ?? [], id]);
    }
    return { user, head, parts, ids: new Map<string, string[]>(), changing };
  });
  const older = loaded.flatMap((l) =>
    [...l.changing.keys()].filter((p) => p.below !== undefined)
  );
  const stored = await readLists(client, older.map((p) => p.lookup));
  for (const l of loaded) {
    for (const part of l.changing.keys()) {
      const had = part.below === undefined
        ? l.head.ids
        : stored.get(part.lookup) ?? [];
      l.ids.set(part.lookup, had.filter((id) => holds(part, id)));
    }
  }
  return loaded;
}

/** Adds ids to people's lists (by user), splitting parts that outgrow. */
export async function addToPersonLists(
  client: SlackAPIClient,
  adding: ReadonlyMap<string, Iterable<string>>,
  partSize = PERSON_PART_SIZE,
): Promise<void> {
  if (!adding.size) return;
  const created = new Map<string, string[]>();
  const heads = new Map<string, string[]>();
  const changed = new Map<string, string[]>();
  for (const l of await load(client, adding)) {
    let bounds = l.head.bounds;
    let headIds = l.head.ids;
    let headChanged = false;
    for (const [part, ids] of l.changing) {
      const had = l.ids.get(part.lookup)!;
      let next = [...new Set([...had, ...ids])].sort();
      if (next.length === had.length) continue;
      if (next.length > partSize) {
        // Into halves of a part: room for the ids that still come.
        const half = Math.max(1, Math.floor(partSize / 2));
        const pieces: string[][] = [];
        for (let i = 0; i < next.length; i += half) {
          pieces.push(next.slice(i, i + half));
        }
        next = pieces.pop()!;
        pieces.forEach((piece, i) => {
          const below = (pieces[i + 1] ?? next)[0];
          created.set(partOf(l.user, below), piece);
          bounds = [...bounds, below];
        });
        headChanged = true;
      }
      if (part.below === undefined) {
        headIds = next;
        headChanged = true;
      } else changed.set(part.lookup, next);
    }
    if (headChanged) {
      heads.set(personTickets(l.user), headPostings(headIds, bounds));
    }
  }
  await writeLists(client, created);
  await writeLists(client, heads);
  await writeLists(client, changed);
}

/** Removes ids from people's lists (by user); an emptied part goes. */
export async function removeFromPersonLists(
  client: SlackAPIClient,
  removing: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<void> {
  if (!removing.size) return;
  const parts = new Map<string, string[]>();
  const heads = new Map<string, string[]>();
  for (const l of await load(client, removing)) {
    let headIds = l.head.ids;
    const emptied = new Set<string>();
    for (const [part, ids] of l.changing) {
      const had = l.ids.get(part.lookup)!;
      const next = had.filter((id) => !ids.includes(id));
      if (next.length === had.length) continue;
      if (part.below === undefined) headIds = next;
      else {
        parts.set(part.lookup, next);
        if (!next.length) emptied.add(part.below);
      }
    }
    if (headIds !== l.head.ids || emptied.size) {
      // An emptied part's range joins the next part's: it held nothing.
      const bounds = l.head.bounds.filter((b) => !emptied.has(b));
      heads.set(personTickets(l.user), headPostings(headIds, bounds));
    }
  }
  await writeLists(client, parts);
  await writeLists(client, heads);
}

/** Ids of a person's tickets, the newest parts first. */
export interface PersonPage {
  ids: string[];
  /** Every part was read: no id of theirs is left out of `ids`. */
  complete: boolean;
}

/**
 * At least `want` ids of the person's list not in `skip` (all, when fewer),
 * reading the head and then older parts, a few a read, newest first.
 */
export async function personTicketPage(
  client: SlackAPIClient,
  user: string,
  want: number,
  skip: ReadonlySet<string> = new Set(),
): Promise<PersonPage> {
  const head = parseHead(
    (await readLists(client, [personTickets(user)])).get(personTickets(user)),
  );
  const parts = partsOf(user, head.bounds);
  const ids: string[] = [];
  const take = (part: Part, listed: readonly string[] = []) =>
    ids.push(...listed.filter((id) => holds(part, id) && !skip.has(id)));
  take(parts.pop()!, head.ids);
  parts.reverse();
  while (ids.length < want && parts.length) {
    const reading = parts.splice(0, PARTS_PER_READ);
    const lists = await readLists(client, reading.map((p) => p.lookup));
    for (const part of reading) take(part, lists.get(part.lookup));
  }
  return { ids, complete: !parts.length };
}
