// Open work entries a ticket write could not write (slack/storage/
// ticket_store.ts keeps their tickets' ids per hour, hour_ids.ts): written
// here, early in the scheduled run, from each ticket as stored now, so the
// run's own checks (SLA, auto-close) and the lists see them within a
// quarter hour instead of when the walk over every ticket reaches them.
// Cost per run: one read of the last day's hour lists; then, only when ids
// were kept, a read of their tickets and a write of their entries per 25
// ids, and a write or delete per ended hour. An hour is cleared only once
// no write can still add to it; the current hour's ids are read again each
// run, and their entries written only when they lag their ticket.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { CallBudget } from "../../slack/api/call_budget.ts";
import { chunked } from "../../slack/storage/datastore.ts";
import {
  hoursBetween,
  idsByHour,
  saveHourIds,
} from "../../slack/storage/hour_ids.ts";
import { ticketsById } from "../../slack/storage/ticket_queries.ts";
import {
  putWorkItems,
  removeWork,
  WORK_HOURS,
  workItemOf,
  type WorkTable,
} from "../../slack/storage/work_store.ts";
import { workEntryOf } from "../../helpdesk/tickets/open_work.ts";
import { roomFor } from "./retention.ts";

const HOUR = 3600;
/**
 * Hours looked back at: the current one and the day before, one bulkGet
 * (25 ids). A list older than that (no run for a day) is left to the walk.
 */
export const CATCH_UP_HOURS = 25;
/** Longer than any run lives (60 s): no write adds to an hour older. */
const WRITER_MARGIN = 75;

const BATCH_CALLS = {
  "apps.datastore.bulkGet": 1,
  "apps.datastore.bulkPut": 1,
  "apps.datastore.bulkDelete": 1,
  "apps.datastore.put": 1,
};

/**
 * Writes the entries of the kept tickets into the store and into `table`
 * (a ticket gone meanwhile loses its entry); answers whether ids were left
 * for the next run.
 */
export async function catchUpWork(
  client: SlackAPIClient,
  budget: CallBudget,
  table: WorkTable,
  now: number,
): Promise<{ cutShort: boolean }> {
  const current = now - now % HOUR;
  const hours = hoursBetween(
    current - (CATCH_UP_HOURS - 1) * HOUR,
    current + HOUR,
    CATCH_UP_HOURS,
  );
  const kept = await idsByHour(client, WORK_HOURS, hours);
  let cutShort = false;
  for (const hour of [...kept.keys()].sort((a, b) => a - b)) {
    const ids = kept.get(hour)!;
    let done = 0;
    for (const batch of chunked(ids, 25)) {
      if (cutShort || !roomFor(budget, BATCH_CALLS)) {
        cutShort = true;
        break;
      }
      if (!await writeEntries(client, table, batch)) {
        cutShort = true;
        break;
      }
      done += batch.length;
    }
    // An ended hour keeps what is left, for the next run to resume; the
    // current one stays whole, as writers may still add to it.
    const ended = hour + HOUR + WRITER_MARGIN <= now;
    if (ended && done > 0) {
      await saveHourIds(client, WORK_HOURS, hour, ids.slice(done));
    }
    if (cutShort) break;
  }
  return { cutShort };
}

/** One batch's entries; false when some were not written. */
async function writeEntries(
  client: SlackAPIClient,
  table: WorkTable,
  ids: readonly string[],
): Promise<boolean> {
  const read = await ticketsById(client, ids);
  const entries = [...read.values()]
    .map(({ ticket, rev }) => workEntryOf(ticket, rev))
    // Written since (or by an earlier run): the entry is right already.
    .filter((entry) => {
      const known = table.entries.get(entry.id);
      return !known || known.rev < entry.rev;
    });
  const gone = ids.filter((id) => !read.has(id) && table.entries.has(id));
  const failed = [
    ...await putWorkItems(client, entries.map((e) => workItemOf(e, false))),
    ...await removeWork(client, gone),
  ];
  for (const entry of entries) table.entries.set(entry.id, entry);
  for (const id of gone) table.entries.delete(id);
  if (entries.length || gone.length) {
    console.warn(
      `wrote ${entries.length} open work entries, removed ${gone.length}`,
    );
  }
  return failed.length === 0;
}
