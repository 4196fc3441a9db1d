// The open work index (datastores/ticket_work.ts) in and out of Slack's
// datastore. Ticket writes keep it (ticket_store.ts); the scheduled run
// reads all of it, marks entries filed and removes finished ones.
//
// A ticket write updates its entry with apps.datastore.update, every field
// given: a field the ticket no longer has is written as "", 0 or false, which
// this file reads back as absent. An update also makes the entry when it is
// missing, and leaves rolled_rev as it was, which the new rev outdates.
import { TicketWorkDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  type ApprovalState,
  isCloseReason,
  isPriority,
  isStatus,
  type JsmSync,
} from "../../helpdesk/tickets/model.ts";
import {
  noticeNames,
  WORK_FIELDS,
  type WorkEntry,
} from "../../helpdesk/tickets/open_work.ts";
import { parseUse } from "../../helpdesk/queues/saved_reply_uses.ts";
import {
  BULK_PUT_LIMIT,
  bulkDeleteItems,
  bulkPutItems,
  chunked,
  itemPages,
  type StoredItem,
  updateItem,
} from "./datastore.ts";

/**
 * The kind of hour list (hour_ids.ts, in `locks`) keeping the ids of tickets
 * whose entry could not be written, for the next scheduled run.
 */
export const WORK_HOURS = "work-hour";

export type WorkItem = StoredItem<typeof TicketWorkDatastore>;

/**
 * The scheduled run's own state rides in this table as one more item, so
 * the run reads it with the work and saves it with the work's writes.
 */
export const WALK_STATE_ID = "~history_walk";

const TEXT = new Set([
  "status",
  "requester",
  "assignee",
  "approval",
  "close_reason",
  "priority",
  "queue_id",
  "jsm_sync",
  "key",
  "summary",
]);
const FLAGS = new Set([
  "setup_pending",
  "card_redraw_due",
  "outbox_due",
  "release_due",
]);
// Lists kept as comma-separated text: an update can't unset an attribute,
// but it can set "".
const LISTS = ["sla_thread_owed", "saved_reply_uses"] as const;
const isList = (field: string) => (LISTS as readonly string[]).includes(field);

/** The whole entry as one update: absent fields cleared, not left over. */
export function workUpdateOf(entry: WorkEntry): WorkItem {
  const item: Record<string, unknown> = {
    id: entry.id,
    rev: entry.rev,
    report_days: entry.report_days,
  };
  for (const field of WORK_FIELDS) {
    const value = entry[field];
    if (isList(field)) {
      item[field] = (value as string[] | undefined)?.join(",") ?? "";
    } else if (value !== undefined) {
      item[field] = value;
    } else item[field] = TEXT.has(field) ? "" : FLAGS.has(field) ? false : 0;
  }
  return item as WorkItem;
}

/** The entry as a whole item, for bulkPut. */
export function workItemOf(entry: WorkEntry, filed: boolean): WorkItem {
  const item: Record<string, unknown> = { ...entry };
  if (filed) item.rolled_rev = entry.rev;
  else delete item.rolled_rev;
  for (const field of LISTS) {
    const list = entry[field];
    if (list?.length) item[field] = list.join(",");
    else delete item[field];
  }
  return item as WorkItem;
}

/** Reads an item back: "" and 0 are absent (see workUpdateOf). */
export function workEntryFrom(item: WorkItem): WorkEntry {
  const entry: Record<string, unknown> = {
    id: String(item.id),
    rev: typeof item.rev === "string" ? item.rev : "",
    report_days: Array.isArray(item.report_days)
      ? item.report_days.filter((d) => typeof d === "string" && d)
      : [],
  };
  if (typeof item.rolled_rev === "string") entry.rolled_rev = item.rolled_rev;
  if (item.similar_indexed === true) entry.similar_indexed = true;
  for (const field of WORK_FIELDS) {
    const value = item[field];
    if (
      value === undefined || value === null || value === "" || value === 0 ||
      value === false
    ) continue;
    if (field === "sla_thread_owed") {
      const names = noticeNames(String(value).split(","));
      if (names.length) entry[field] = names;
    } else if (field === "saved_reply_uses") {
      const uses = String(value).split(",").filter((u) => parseUse(u));
      if (uses.length) entry[field] = uses;
    } else entry[field] = value;
  }
  // Values this version doesn't know are dropped rather than trusted.
  if (!isStatus(entry.status)) delete entry.status;
  if (!isPriority(entry.priority)) delete entry.priority;
  if (!isApprovalState(entry.approval)) delete entry.approval;
  if (!isCloseReason(entry.close_reason)) delete entry.close_reason;
  if (entry.jsm_sync !== "pending" && entry.jsm_sync !== "synced") {
    delete entry.jsm_sync;
  } else entry.jsm_sync = entry.jsm_sync as JsmSync;
  return entry as WorkEntry;
}

function isApprovalState(value: unknown): value is ApprovalState {
  return value === "pending" || value === "approved" || value === "denied";
}

/**
 * Writes a ticket's entry (see ticket_store.ts for when it may fail);
 * `filed`: its report figures as of its rev are filed already.
 */
export async function updateWorkEntry(
  client: SlackAPIClient,
  entry: WorkEntry,
  filed = false,
): Promise<void> {
  await updateItem(client, TicketWorkDatastore, {
    ...workUpdateOf(entry),
    ...(filed ? { rolled_rev: entry.rev } : {}),
  });
}

/** Sets some attributes of an entry (making it, with only those, if none). */
export async function updateWorkItem(client: SlackAPIClient, item: WorkItem) {
  await updateItem(client, TicketWorkDatastore, item);
}

export interface WorkTable {
  entries: Map<string, WorkEntry>;
  /** The scheduled run's state item, when there is one. */
  walk?: WorkItem;
}

/** Every entry, one paged read of the whole (small) table. */
export async function readWorkTable(
  client: SlackAPIClient,
): Promise<WorkTable> {
  const table: WorkTable = { entries: new Map() };
  for await (const page of itemPages(client, TicketWorkDatastore)) {
    for (const item of page) {
      if (item.id === WALK_STATE_ID) table.walk = item;
      else if (typeof item.id === "string" && item.id) {
        table.entries.set(item.id, workEntryFrom(item));
      }
    }
  }
  return table;
}

/**
 * Whole entries, 25 a call, with the scheduled run's state alongside when
 * given. Answers the ids not saved.
 */
export async function putWorkItems(
  client: SlackAPIClient,
  items: readonly WorkItem[],
): Promise<string[]> {
  const failed: string[] = [];
  for (const batch of chunked(items, BULK_PUT_LIMIT)) {
    const left = await bulkPutItems(client, TicketWorkDatastore, batch);
    failed.push(...left.map((item) => String(item.id)));
  }
  return failed;
}

/** Records that the ticket's figures as of `rev` are filed. */
export async function markFiled(
  client: SlackAPIClient,
  id: string,
  rev: string,
): Promise<void> {
  await updateItem(client, TicketWorkDatastore, { id, rolled_rev: rev });
}

export async function removeWork(
  client: SlackAPIClient,
  ids: readonly string[],
): Promise<string[]> {
  if (!ids.length) return [];
  return await bulkDeleteItems(client, TicketWorkDatastore, ids);
}
