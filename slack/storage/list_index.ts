// The open work index (work_store.ts) as My tickets and Open tickets read
// it: one filtered scan of the index, whose size follows open work and the
// last RECENT_DAYS of closed tickets, never the whole history; then only the
// tickets of the page shown, by id. The scheduled run's walk state says
// whether the index can be trusted for the lists yet (an install that
// predates the lists' fields is caught up by the walk's next full pass); until
// then the lists scan the tickets table as before (ticket_queries.ts).
import { TicketWorkDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  listRowOf,
  type WorkEntry,
  workEntryOf,
} from "../../helpdesk/tickets/open_work.ts";
import type { ListRow, Page } from "../../helpdesk/tickets/ticket_lists.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { type DatastoreFilter, getItem, itemPages } from "./datastore.ts";
import { WALK_STATE_ID, workEntryFrom } from "./work_store.ts";
import { ticketsById } from "./ticket_queries.ts";
import { knownRevision } from "./ticket_store.ts";

/**
 * The rows the index holds for a list, or undefined when the index can't
 * serve the lists yet. Entries that can't tell (partly written) are read
 * as their tickets.
 */
async function indexRows(
  client: SlackAPIClient,
  filter: DatastoreFilter,
): Promise<ListRow[] | undefined> {
  const [walk, entries] = await Promise.all([
    getItem(client, TicketWorkDatastore, WALK_STATE_ID),
    (async () => {
      const found: WorkEntry[] = [];
      for await (const page of itemPages(client, TicketWorkDatastore, filter)) {
        for (const item of page) {
          if (item.id !== WALK_STATE_ID) found.push(workEntryFrom(item));
        }
      }
      return found;
    })(),
  ]);
  if (walk?.walk_lists_ready !== true) return undefined;
  const rows: ListRow[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const row = listRowOf(entry);
    if (row) rows.push(row);
    else unknown.push(entry.id);
  }
  if (unknown.length) {
    const read = await ticketsById(client, unknown);
    for (const { ticket, rev } of read.values()) {
      const row = listRowOf(workEntryOf(ticket, rev));
      if (row) rows.push(row);
    }
  }
  return rows;
}

// An entry written partly (its ticket changed after the scheduled run had
// removed it) may lack the attribute filtered on: it is read, not missed.
const UNSURE = "attribute_not_exists(#requester) OR " +
  "attribute_not_exists(#status)";

/** A requester's entries (and any that can't say whose). */
export async function requesterRows(
  client: SlackAPIClient,
  requester: string,
): Promise<ListRow[] | undefined> {
  const rows = await indexRows(client, {
    expression: `#requester = :requester OR ${UNSURE}`,
    attributes: { "#requester": "requester", "#status": "status" },
    values: { ":requester": requester },
  });
  return rows?.filter((row) => row.requester === requester);
}

/** Entries of open tickets (and any that can't say their status). */
export async function openRows(
  client: SlackAPIClient,
): Promise<ListRow[] | undefined> {
  return await indexRows(client, {
    expression: `#status IN (:new, :in_progress, :waiting) OR ${UNSURE}`,
    attributes: { "#requester": "requester", "#status": "status" },
    values: {
      ":new": "new",
      ":in_progress": "in_progress",
      ":waiting": "waiting_on_requester",
    },
  });
}

/**
 * The tickets of one page, in the page's order, read by id (one bulkGet for
 * a page of 25 or fewer); those that no longer `fit` (changed since their
 * entry was written) are left out, and out of the count. `known`: tickets
 * this run has just written or read under their lock, which stand in for a
 * read older than them (reads may be stale, see
 * dev/testing/fake_slack/stale_reads.ts), so a list redrawn after a click
 * never shows its ticket as it was before.
 */
export async function ticketsOfPage(
  client: SlackAPIClient,
  page: Page<ListRow>,
  fit: (ticket: Ticket) => boolean,
  known: readonly Ticket[] = [],
): Promise<Page<Ticket>> {
  const rows = page.items;
  const read = await ticketsById(client, rows.map((row) => row.id));
  const items = rows.flatMap((row) => {
    const found = read.get(row.id);
    const ours = known.find((t) => t.id === row.id);
    const ticket = ours && (!found ||
        found.rev < (knownRevision(client, row.id) ?? ""))
      ? ours
      : found?.ticket;
    return ticket && fit(ticket) ? [ticket] : [];
  });
  return { ...page, items, total: page.total - (rows.length - items.length) };
}
