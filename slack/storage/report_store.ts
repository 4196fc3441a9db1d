// Report figures filed by day (datastores/report_days.ts): read a period's
// days in a few bulk reads, file tickets' rows into their days, and take a
// purged ticket's words out of them. Only the scheduled run (which also
// purges) writes them, so a day's rows are read, merged and written back by
// one writer at a time; a ticket's newer row always wins over an older one,
// so filing the same rows twice, or an older one late, changes nothing.
import { ReportDaysDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  decodeRow,
  encodeRow,
  newerRow,
  type ReportRow,
  splitIntoParts,
  withoutText,
} from "../../helpdesk/reports/report_rows.ts";
import {
  BULK_PUT_LIMIT,
  bulkGetItems,
  bulkPutItems,
  chunked,
  type StoredItem,
} from "./datastore.ts";

type DayItem = StoredItem<typeof ReportDaysDatastore>;

const partId = (day: string, part: number) =>
  part === 0 ? day : `${day}#${part}`;

/** Each day's rows, every part of it read. */
export async function readDays(
  client: SlackAPIClient,
  days: readonly string[],
): Promise<Map<string, ReportRow[]>> {
  const items = await readParts(client, days);
  const rows = new Map<string, ReportRow[]>(days.map((day) => [day, []]));
  for (const [day, parts] of items) {
    for (const item of parts) {
      for (const text of item.rows ?? []) {
        const row = decodeRow(String(text));
        if (row) rows.get(day)!.push(row);
        else console.error(`${item.id}: unreadable report row skipped`);
      }
    }
  }
  return rows;
}

/** The items of each day: the first part, then any further ones. */
async function readParts(
  client: SlackAPIClient,
  days: readonly string[],
): Promise<Map<string, DayItem[]>> {
  const firsts = await bulkGetItems(client, ReportDaysDatastore, days);
  const byDay = new Map<string, DayItem[]>();
  const more: string[] = [];
  for (const item of firsts) {
    byDay.set(String(item.id), [item]);
    for (let part = 1; part < (item.parts ?? 1); part++) {
      more.push(partId(String(item.id), part));
    }
  }
  if (more.length) {
    for (const item of await bulkGetItems(client, ReportDaysDatastore, more)) {
      byDay.get(String(item.id).split("#")[0])?.push(item);
    }
  }
  return byDay;
}

/**
 * Files each row under each of its days, replacing the ticket's older row
 * there. Throws when a day could not be written (the caller then files the
 * same rows again later).
 */
export async function fileRows(
  client: SlackAPIClient,
  rowsByDay: ReadonlyMap<string, readonly ReportRow[]>,
  now: number,
): Promise<void> {
  const days = [...rowsByDay.keys()];
  if (!days.length) return;
  const stored = await readDays(client, days);
  const merged = new Map<string, ReportRow[]>();
  for (const day of days) {
    const byTicket = new Map<string, ReportRow>();
    for (const row of [...stored.get(day)!, ...rowsByDay.get(day)!]) {
      const seen = byTicket.get(row.id);
      byTicket.set(row.id, seen ? newerRow(seen, row) : row);
    }
    merged.set(day, [...byTicket.values()]);
  }
  await writeDays(client, merged, now);
}

/**
 * Takes a purged ticket's words (its summary) out of its rows on these
 * days; its figures and key stay, as the report counted them. Only days
 * holding its words are written. Throws when a day could not be written
 * (the purge is then tried again, and so is this).
 */
export async function removeTicketText(
  client: SlackAPIClient,
  ticketId: string,
  days: readonly string[],
  now: number,
): Promise<number> {
  if (!days.length) return 0;
  const stored = await readDays(client, days);
  const changed = new Map<string, ReportRow[]>();
  for (const [day, rows] of stored) {
    if (!rows.some((row) => row.id === ticketId && row.summary)) continue;
    changed.set(
      day,
      rows.map((row) => row.id === ticketId ? withoutText(row) : row),
    );
  }
  await writeDays(client, changed, now);
  return changed.size;
}

/** Each day's rows, written whole in as many parts as they need. */
async function writeDays(
  client: SlackAPIClient,
  rowsByDay: ReadonlyMap<string, readonly ReportRow[]>,
  now: number,
) {
  const items: DayItem[] = [];
  for (const [day, rows] of rowsByDay) {
    const parts = splitIntoParts(rows.map(encodeRow));
    parts.forEach((rows, part) =>
      items.push({
        id: partId(day, part),
        rows,
        ...(part === 0 ? { parts: parts.length } : {}),
        updated_at: now,
      })
    );
  }
  // A day's first part is written last, so it never counts parts that are
  // not there yet.
  items.sort((a, b) => Number(b.id.includes("#")) - Number(a.id.includes("#")));
  for (const batch of chunked(items, BULK_PUT_LIMIT)) {
    const failed = await bulkPutItems(client, ReportDaysDatastore, batch);
    if (failed.length) {
      throw new Error(
        `report figures for ${failed.map((f) => f.id).join(", ")} not filed`,
      );
    }
  }
}
