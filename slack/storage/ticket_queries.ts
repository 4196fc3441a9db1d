// Tickets by the page and in bulk (see datastore.ts). Nothing scheduled
// scans the tickets table for work: the open work index does that (see
// work_store.ts). Only the walk (an install's first indexing, then its
// slow re-check) and a report made before that first indexing read it page
// by page.
import { TicketsDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { workEntryOf } from "../../helpdesk/tickets/open_work.ts";
import {
  newRev,
  revOf,
  type TicketItem,
  toItem,
  toTicket,
} from "./ticket_store.ts";
import {
  BULK_PUT_LIMIT,
  bulkGetItems,
  bulkPutItems,
  chunked,
  type DatastoreFilter,
  itemPages,
  queryPage,
  updateItem,
} from "./datastore.ts";
import { putWorkItems, type WorkItem, workItemOf } from "./work_store.ts";

export type TicketFilter = DatastoreFilter;

/** A ticket as stored and the write it came from. */
export interface TicketRevision {
  ticket: Ticket;
  rev: string;
}

/** Each page of matching tickets, as Slack returns them (maybe empty). */
export async function* ticketPages(
  client: SlackAPIClient,
  filter: TicketFilter,
): AsyncGenerator<Ticket[]> {
  for await (const items of itemPages(client, TicketsDatastore, filter)) {
    yield items.flatMap((item) => readable(item).map((r) => r.ticket));
  }
}

export async function allTickets(
  client: SlackAPIClient,
  filter: TicketFilter,
): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of ticketPages(client, filter)) tickets.push(...page);
  return tickets;
}

/** One page of every ticket, from a cursor: for the walks. */
export async function ticketPageAt(
  client: SlackAPIClient,
  cursor: string | undefined,
  limit?: number,
): Promise<{ tickets: TicketRevision[]; cursor?: string }> {
  const page = await queryPage(client, TicketsDatastore, {
    cursor,
    ...(limit ? { limit } : {}),
  });
  return { tickets: page.items.flatMap(readable), cursor: page.cursor };
}

/** The stored tickets with these ids (missing ones left out). */
export async function ticketsById(
  client: SlackAPIClient,
  ids: readonly string[],
): Promise<Map<string, TicketRevision>> {
  const items = await bulkGetItems(client, TicketsDatastore, ids);
  return new Map(
    items.flatMap(readable).map((found) => [found.ticket.id, found]),
  );
}

/**
 * Writes tickets 25 at a time (bulkPut's limit), each with its given
 * revision, then their open work entries; `filed`: its report figures as
 * of that revision are filed already. `alsoWork`: more index items to write
 * in the same calls. Tickets not saved throw; entries not saved are logged
 * (the walk restores them).
 */
export async function putTicketRevisions(
  client: SlackAPIClient,
  revisions: readonly (TicketRevision & { filed: boolean })[],
  options: { alsoWork?: WorkItem[] } = {},
) {
  // All the tickets first, then their entries: an entry must never get
  // ahead of a ticket write that failed (it could say "filed, nothing due"
  // of a ticket whose notice was never recorded).
  const saved: typeof revisions[number][] = [];
  let notSaved = 0;
  for (const batch of chunked(revisions, BULK_PUT_LIMIT)) {
    const failed = await bulkPutItems(
      client,
      TicketsDatastore,
      batch.map(({ ticket, rev }) => ({ ...toItem(ticket), rev })),
    );
    notSaved += failed.length;
    const failedIds = new Set(failed.map((item) => item.id));
    saved.push(...batch.filter(({ ticket }) => !failedIds.has(ticket.id)));
  }
  const work = [
    ...saved.map(({ ticket, rev, filed }) =>
      workItemOf(workEntryOf(ticket, rev), filed)
    ),
    ...(options.alsoWork ?? []),
  ];
  const failedWork = await putWorkItems(client, work).catch((error) => {
    console.error("open work entries not written", error);
    return [];
  });
  if (failedWork.length) {
    console.error(`open work entries not written: ${failedWork.join(", ")}`);
  }
  if (notSaved) throw new Error(`${notSaved} tickets were not saved`);
}

/** What the scheduled run changed on one ticket: only these fields. */
export interface ScheduleChange extends TicketRevision {
  fields: Partial<Ticket>;
  filed: boolean;
}

/** Writes at once, so that a run's notices are recorded within a round trip. */
const SCHEDULE_WRITES_AT_ONCE = 10;

/**
 * Writes only the fields the scheduled run changed, ticket by ticket
 * (apps.datastore.update merges): a change someone saved under the ticket's
 * lock while the run was posting (a status, an assignee) is kept, where a
 * whole-ticket write would undo it. Then their open work entries, as
 * putTicketRevisions does. Tickets not saved throw; entries are logged.
 */
export async function updateTicketSchedules(
  client: SlackAPIClient,
  changes: readonly ScheduleChange[],
  options: { alsoWork?: WorkItem[] } = {},
) {
  const saved: ScheduleChange[] = [];
  let notSaved: unknown;
  for (const batch of chunked(changes, SCHEDULE_WRITES_AT_ONCE)) {
    const results = await Promise.allSettled(
      batch.map(({ ticket, rev, fields }) =>
        updateItem(client, TicketsDatastore, {
          id: ticket.id,
          ...scheduleItem(fields),
          rev,
        })
      ),
    );
    results.forEach((result, i) => {
      if (result.status === "fulfilled") saved.push(batch[i]);
      else notSaved ??= result.reason;
    });
  }
  const work = [
    ...saved.map(({ ticket, rev, filed }) =>
      workItemOf(workEntryOf(ticket, rev), filed)
    ),
    ...(options.alsoWork ?? []),
  ];
  if (work.length) {
    const failedWork = await putWorkItems(client, work).catch((error) => {
      console.error("open work entries not written", error);
      return [];
    });
    if (failedWork.length) {
      console.error(`open work entries not written: ${failedWork.join(", ")}`);
    }
  }
  if (notSaved) throw notSaved;
}

/** The schedule's fields as stored: an emptied list or time is cleared. */
function scheduleItem(fields: Partial<Ticket>): Partial<TicketItem> {
  const item: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    item[name] = value ?? (name.endsWith("_at") ? 0 : []);
  }
  return item as Partial<TicketItem>;
}

/**
 * Writes whole tickets 25 at a time, each as a new revision, with their
 * open work entries (their figures to be filed by the next scheduled run).
 */
export async function putTickets(
  client: SlackAPIClient,
  tickets: readonly Ticket[],
) {
  await putTicketRevisions(
    client,
    tickets.map((ticket) => ({ ticket, rev: newRev(), filed: false })),
  );
}

/** One damaged item must not stop a pass over all the others. */
function readable(item: TicketItem): TicketRevision[] {
  try {
    return [{ ticket: toTicket(item), rev: revOf(item) }];
  } catch (error) {
    console.error("skipping unreadable ticket", item.id, error);
    return [];
  }
}

// The lists people ask for. Each is one filtered scan of the tickets
// datastore (Slack evaluates up to PAGE_SIZE items a call, whatever
// matches): kept here, one function per list, so that each can move onto an
// index of open work without its callers changing.

const OPEN = { ":new": "new", ":in_progress": "in_progress" } as const;

/**
 * A requester's tickets that are not closed, and those changed since
 * `since` (closed lately): what My tickets shows.
 */
export async function ticketsOfRequester(
  client: SlackAPIClient,
  requester: string,
  since: number,
): Promise<Ticket[]> {
  return await allTickets(client, {
    expression: "#requester = :requester AND " +
      "(#status IN (:new, :in_progress, :waiting, :resolved) OR " +
      "#updated_at >= :since)",
    attributes: {
      "#requester": "requester",
      "#status": "status",
      "#updated_at": "updated_at",
    },
    values: {
      ":requester": requester,
      ...OPEN,
      ":waiting": "waiting_on_requester",
      ":resolved": "resolved",
      ":since": since,
    },
  });
}

/** DynamoDB takes at most 100 values in an IN list. */
const QUEUES_IN_FILTER = 90;

/**
 * The open tickets of the given queues ("default" includes tickets older
 * than queues, which have none): what Open tickets shows.
 */
export async function openTicketsOfQueues(
  client: SlackAPIClient,
  queueIds: readonly string[],
): Promise<Ticket[]> {
  if (queueIds.length === 0) return [];
  const wanted = new Set(queueIds);
  const inQueues = (t: Ticket) => wanted.has(t.queue_id ?? "default");
  const values: Record<string, unknown> = {
    ...OPEN,
    ":waiting": "waiting_on_requester",
  };
  let expression = "#status IN (:new, :in_progress, :waiting)";
  const attributes: Record<string, string> = { "#status": "status" };
  if (queueIds.length <= QUEUES_IN_FILTER) {
    const names = queueIds.map((id, i) => {
      values[`:q${i}`] = id;
      return `:q${i}`;
    });
    attributes["#queue"] = "queue_id";
    const legacy = wanted.has("default")
      ? " OR attribute_not_exists(#queue)"
      : "";
    expression += ` AND (#queue IN (${names.join(", ")})${legacy})`;
  }
  // Also checked here: a longer list of queues is filtered after reading.
  return (await allTickets(client, { expression, attributes, values }))
    .filter(inQueues);
}
