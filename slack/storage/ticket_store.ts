// Reading and writing tickets. Items are stored as the Ticket shape minus the
// absent optional fields; the lookup datastore indexes tickets by key and by
// triage card so handlers never scan the table to find one.
//
// Every write goes through here, and writes the ticket's entry in the open
// work index (work_store.ts) at the same time, in the same round trip. Each
// write has a revision (`rev`, sortable by time) stamped on the ticket and
// on its entry, so the scheduled run can tell an entry that lags behind its
// ticket. An entry that could not be written is logged, not thrown: the
// ticket is saved, which is what the person is told about, and its id is
// kept for the next scheduled run (a quarter hour at most), which writes
// its entry from the ticket as stored then (use_cases/schedule/
// work_catch_up.ts). Should keeping the id fail too, the run's walk over
// the tickets puts the entry back (use_cases/reports/history_walk.ts).
import { TicketLookupDatastore, TicketsDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  bulkPutItems,
  getItem,
  putItem,
  type StoredItem,
  updateItem,
} from "./datastore.ts";
import {
  WORK_FIELDS,
  type WorkEntry,
  workEntryOf,
} from "../../helpdesk/tickets/open_work.ts";
import { reportDaysOf } from "../../helpdesk/reports/report_rows.ts";
import { onceMoreIfPassing } from "../api/passing_failures.ts";
import { keepHourId } from "./hour_ids.ts";
import {
  updateWorkEntry,
  updateWorkItem,
  WORK_HOURS,
  type WorkItem,
  workUpdateOf,
} from "./work_store.ts";

import { type TicketItem, toItem, toTicket } from "./ticket_items.ts";

export { type TicketItem, toItem, toTicket };
export type LookupItem = StoredItem<typeof TicketLookupDatastore>;

export const lookupByKey = (key: string) => `key:${key}`;
export const lookupByJsmKey = (key: string) => `jsm:${key}`;
/** The message a ticket was made from: one message makes one ticket. */
export const lookupByMessage = (channel: string, ts: string) =>
  `message:${channel}:${ts}`;
export const lookupByCard = (channel: string, ts: string) =>
  `card:${channel}:${ts}`;
/**
 * A Workflow Builder step's request, by who asked and what they filled in:
 * the same request run again (a new execution) finds the ticket it made.
 */
export const lookupByStepRequest = (digest: string) => `step:${digest}`;
/** The requester's thread (see requester_thread): their side of the talk. */
export const lookupByThread = (channel: string, ts: string) =>
  `thread:${channel}:${ts}`;
/**
 * One requester's ticket in a thread: several tickets can be made from
 * replies in one thread, each keeping to its own requester's words.
 */
export const lookupByThreadOf = (
  channel: string,
  ts: string,
  requester: string,
) => `thread:${channel}:${ts}:${requester}`;

export async function getTicket(
  client: SlackAPIClient,
  id: string,
): Promise<Ticket | undefined> {
  const item = await getItem(client, TicketsDatastore, id);
  if (!item) return undefined;
  noteRevision(client, id, revOf(item));
  return toTicket(item);
}

export async function findTicketId(
  client: SlackAPIClient,
  lookup: string,
): Promise<string | undefined> {
  const item = await getItem(client, TicketLookupDatastore, lookup);
  return item?.ticket_id || undefined;
}

/**
 * A new revision: the time in ms (base 36, fixed width, so revisions sort as
 * written) and a random tail for writes in the same millisecond.
 */
export function newRev(nowMs = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0];
  return `${nowMs.toString(36).padStart(9, "0")}.${
    random.toString(36).padStart(7, "0")
  }`;
}

/** The lowest revision a write at or after `ms` can have. */
export function revisionAt(ms: number): string {
  return Math.max(0, Math.floor(ms)).toString(36).padStart(9, "0");
}

/**
 * The newest revision this client (one function run) has seen or written
 * for each ticket. Revisions are clock times, and runs' clocks differ: a run
 * that writes after reading revision R under the ticket's lock writes one
 * later than R whatever its clock says, so revisions of a ticket only go up
 * from one lock holder to the next (the lock's stale-read guard compares
 * them; see ticket_lock.ts).
 */
const knownRevisions = new WeakMap<object, Map<string, string>>();

/** The newest revision of the ticket this run has seen or written. */
export function knownRevision(
  client: SlackAPIClient,
  id: string,
): string | undefined {
  return knownRevisions.get(client)?.get(id);
}

/** Remembers a revision seen (or written), if newer than the one known. */
export function noteRevision(client: SlackAPIClient, id: string, rev: string) {
  let known = knownRevisions.get(client);
  if (!known) knownRevisions.set(client, known = new Map());
  if (rev > (known.get(id) ?? "")) known.set(id, rev);
}

/**
 * A revision later than every one this run knows of the ticket; noted once
 * its write succeeded, since a failed write leaves the stored one as it was.
 */
function nextRev(client: SlackAPIClient, id: string): string {
  const known = knownRevision(client, id);
  const knownMs = known ? parseInt(known.split(".")[0], 36) : 0;
  return newRev(Math.max(Date.now(), knownMs + 1));
}

/**
 * How a use case reads a ticket with its revision: whole (getTicketRevision)
 * or only the fields it needs (files_ticket.ts), which keeps the whole
 * ticket's decoding out of a bundle that needs a few fields.
 */
export type TicketRead<T> = (
  client: SlackAPIClient,
  id: string,
) => Promise<{ ticket: T; rev: string } | undefined>;

/** The ticket as stored, with its revision. */
export async function getTicketRevision(
  client: SlackAPIClient,
  id: string,
): Promise<{ ticket: Ticket; rev: string } | undefined> {
  const item = await getItem(client, TicketsDatastore, id);
  if (!item) return undefined;
  noteRevision(client, id, revOf(item));
  return { ticket: toTicket(item), rev: revOf(item) };
}

/** Tickets written before revisions existed have the revision "". */
export const revOf = (item: TicketItem): string =>
  typeof item.rev === "string" ? item.rev : "";

export async function putTicket(client: SlackAPIClient, ticket: Ticket) {
  const rev = nextRev(client, ticket.id);
  await Promise.all([
    putItem(client, TicketsDatastore, { ...toItem(ticket), rev }).then(() =>
      noteRevision(client, ticket.id, rev)
    ),
    indexWork(client, ticket, rev),
  ]);
}

/** The work entry of a ticket just written; see the top of this file. */
async function indexWork(client: SlackAPIClient, ticket: Ticket, rev: string) {
  const entry = workEntryOf(ticket, rev);
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await updateWorkEntry(client, entry);
      return;
    } catch (error) {
      if (attempt === 2) {
        console.error(
          `${ticket.key}: open work entry not written; the next run writes it`,
          error,
        );
        await keepForNextRun(client, ticket.id);
      }
    }
  }
}

/**
 * Reads of a ticket that may lag behind a write made a moment ago (the
 * lock's revision, a save whose answer was lost), and the pause between.
 */
export const FRESH_READS = 4;
export const FRESH_READ_PAUSE_MS = 100;

/**
 * Like putTicket, but a failure whose write landed anyway (its answer lost
 * to a timeout) counts as done. The put is asked again after a passing
 * failure: its success proves the ticket saved, where a read back just
 * after may be stale (passing_failures.ts). Only a put that failed twice is
 * read back and compared, as the ticket lock reads a ticket behind its
 * revision (FRESH_READS reads, FRESH_READ_PAUSE_MS apart): a read just
 * after the write may answer the ticket before it, and a change saved but
 * said refused is never shown or told to anyone.
 */
export async function putTicketSurely(client: SlackAPIClient, ticket: Ticket) {
  try {
    await onceMoreIfPassing(() => putTicket(client, ticket));
  } catch (error) {
    for (let reads = FRESH_READS; reads--;) {
      const stored = await getTicket(client, ticket.id).catch(() => undefined);
      if (stored && sameItem(toItem(stored), toItem(ticket))) return;
      if (reads) await new Promise((r) => setTimeout(r, FRESH_READ_PAUSE_MS));
    }
    throw error;
  }
}

function sameItem(a: TicketItem, b: TicketItem): boolean {
  const sorted = (item: TicketItem) =>
    JSON.stringify(Object.entries(item).sort(([x], [y]) => x.localeCompare(y)));
  return sorted(a) === sorted(b);
}

/**
 * Sets some fields of a stored ticket and returns the whole ticket as it is
 * now. A partial update cannot undo a concurrent change to other fields
 * (status, assignee), which a put of a ticket read earlier would.
 */
export async function updateTicketFields(
  client: SlackAPIClient,
  id: string,
  fields: Partial<Omit<Ticket, "id" | "holds">>,
  // Even a flag saying work is done goes to the entry with the ticket: for
  // a caller that sets it again if the ticket's write fails (opening).
  options: { entryAlongside?: boolean } = {},
): Promise<Ticket> {
  const { answers, ...rest } = fields;
  const rev = nextRev(client, id);
  const change: TicketItem & { rev: string } = { id, ...rest, rev };
  if (answers) change.answers = JSON.stringify(answers);
  if (!COUNTED_FIELDS.some((field) => fields[field] !== undefined)) {
    return toTicket(await writeUncounted(client, change, fields, options));
  }
  const item = await updateItem(client, TicketsDatastore, change);
  noteRevision(client, id, rev);
  const ticket = toTicket(item);
  // A field that counts in reports moved to a new day, which the ticket
  // must remember (it only knows now, after the update).
  const days = reportDaysOf(ticket);
  const known = Array.isArray(item.report_days) ? item.report_days : [];
  const wrote: Promise<unknown>[] = [indexWork(client, ticket, rev)];
  if (days.some((day) => !known.includes(day))) {
    wrote.push(updateItem(client, TicketsDatastore, { id, report_days: days }));
  }
  await Promise.all(wrote);
  return { ...ticket, report_days: days };
}

/** Fields whose change leaves a ticket's report days as they were. */
export type UncountedFields = Partial<
  Omit<Ticket, "id" | "holds" | "answers" | typeof COUNTED_FIELDS[number]>
>;

/**
 * updateTicketFields for fields that put the ticket in no report's day,
 * without reading back the ticket as saved: what a bundle that never reads
 * a whole ticket (files_ticket.ts) writes with.
 */
export async function updateUncountedFields(
  client: SlackAPIClient,
  id: string,
  fields: UncountedFields,
): Promise<void> {
  const rev = nextRev(client, id);
  const change = { id, ...fields, rev } as TicketItem & { rev: string };
  await writeUncounted(client, change, fields, {});
}

/**
 * Its report days can't move: the entry gets the same fields, at once
 * unless they say work is done (setup finished, a card redrawn), which the
 * entry may say only once the ticket does: an entry that claimed more than
 * its ticket would keep the scheduled check from finishing it.
 */
async function writeUncounted(
  client: SlackAPIClient,
  change: TicketItem & { rev: string },
  fields: Partial<Ticket>,
  options: { entryAlongside?: boolean },
): Promise<TicketItem> {
  const { id, rev } = change;
  if (
    !options.entryAlongside &&
    CLEARED_FLAGS.some((flag) => fields[flag] === false)
  ) {
    const item = await updateItem(client, TicketsDatastore, change);
    await indexWorkFields(client, id, rev, fields);
    return item;
  }
  const [item] = await Promise.all([
    updateItem(client, TicketsDatastore, change),
    indexWorkFields(client, id, rev, fields),
  ]);
  noteRevision(client, id, rev);
  return item;
}

/** Flags the scheduled check acts on while they are set. */
const CLEARED_FLAGS = [
  "setup_pending",
  "card_redraw_due",
  "outbox_due",
  "release_due",
] as const;

/** The fields that put a ticket in a report's day. */
const COUNTED_FIELDS = [
  "created_at",
  "first_response_at",
  "resolved_at",
  "rated_at",
] as const;

/**
 * The same partial change to the ticket's entry. An entry the scheduled run
 * had already removed comes back with only these fields, which that run
 * reads as incomplete: it looks at the ticket and files or removes it.
 */
async function indexWorkFields(
  client: SlackAPIClient,
  id: string,
  rev: string,
  fields: Partial<Ticket>,
) {
  const change: WorkEntry = { id, rev, report_days: [] };
  for (const field of WORK_FIELDS) {
    if (fields[field] !== undefined) {
      (change as Record<string, unknown>)[field] = fields[field];
    }
  }
  const { report_days: _kept, ...item } = workUpdateOf(change);
  const partial = Object.fromEntries(
    Object.entries(item).filter(([name]) =>
      name === "id" || name === "rev" ||
      fields[name as keyof Ticket] !== undefined
    ),
  ) as unknown as WorkItem;
  try {
    await updateWorkItem(client, partial);
  } catch (error) {
    console.error(
      `${id}: open work entry not updated; the next run writes it`,
      error,
    );
    await keepForNextRun(client, id);
  }
}

/** The ticket's id, for the next scheduled run to write its entry. */
const keepForNextRun = (client: SlackAPIClient, id: string) =>
  keepHourId(client, WORK_HOURS, id, Date.now() / 1000).catch((error) =>
    console.error(`${id}: not kept; the walk restores its entry`, error)
  );

/** Indexes a ticket by one more lookup (its JSM key, once linked). */
export async function putLookup(
  client: SlackAPIClient,
  lookup: string,
  ticketId: string,
) {
  await putItem(client, TicketLookupDatastore, { lookup, ticket_id: ticketId });
}

/** Indexes a new ticket by its key, card, source message, and `also`. */
export async function putLookups(
  client: SlackAPIClient,
  ticket: Ticket,
  also: readonly string[] = [],
) {
  const items: LookupItem[] = [
    { lookup: lookupByKey(ticket.key), ticket_id: ticket.id },
    ...also.map((lookup) => ({ lookup, ticket_id: ticket.id })),
  ];
  if (ticket.card_channel && ticket.card_ts) {
    items.push({
      lookup: lookupByCard(ticket.card_channel, ticket.card_ts),
      ticket_id: ticket.id,
    });
  }
  if (ticket.source_message_ts && ticket.source_channel) {
    items.push({
      lookup: lookupByMessage(ticket.source_channel, ticket.source_message_ts),
      ticket_id: ticket.id,
    });
  }
  const thread = ticket.requester_thread?.match(/^([^:]+):(.+)$/);
  if (thread) {
    items.push({
      lookup: lookupByThread(thread[1], thread[2]),
      ticket_id: ticket.id,
    }, {
      lookup: lookupByThreadOf(thread[1], thread[2], ticket.requester),
      ticket_id: ticket.id,
    });
  }
  await bulkPutItems(client, TicketLookupDatastore, items);
}
