// A report without rescanning history. Each ticket's report figures are a
// small row, filed under every UTC day it counts in (opened, first response,
// resolved, rated); a report for [from, now) reads the days from `from`'s
// day to today plus the open work, picks each ticket's newest row, keeps the
// tickets the full query would have found, and computes the same numbers as
// computeReport over every ticket. Plain data in, plain data out.
import type { Ticket } from "../tickets/model.ts";
import { isPriority, isStatus } from "../tickets/model.ts";
import {
  BACKLOG_STATUSES,
  computeReport,
  type ReportPeriod,
  type ReportTicket,
  type TicketReport,
} from "./ticket_report.ts";

/** The moments a ticket counts in a report: each files it under its day. */
const COUNTED_AT = [
  "created_at",
  "first_response_at",
  "resolved_at",
  "rated_at",
] as const;

type Counted = Pick<Ticket, (typeof COUNTED_AT)[number]>;

const DAY = 86_400;

/** "2026-11-26" for a Unix time. */
export function utcDay(at: number): string {
  return new Date(Math.floor(at / DAY) * DAY * 1000).toISOString().slice(
    0,
    10,
  );
}

/** The days the ticket counts in now. */
export function countedDays(ticket: Partial<Counted>): string[] {
  const days = new Set<string>();
  for (const field of COUNTED_AT) {
    const at = ticket[field];
    if (typeof at === "number" && Number.isFinite(at)) days.add(utcDay(at));
  }
  return [...days].sort();
}

/**
 * Every day the ticket was ever filed under, and the days it counts in now:
 * a day it left (a resolution undone) still gets its current row, which no
 * longer matches that day's report.
 */
export function reportDaysOf(
  ticket: Partial<Counted> & { report_days?: readonly string[] },
): string[] {
  return [...new Set([...(ticket.report_days ?? []), ...countedDays(ticket)])]
    .sort();
}

/** The longest report Helpdesk makes, in days (a quarter). */
export const REPORT_MAX_DAYS = 90;

/**
 * The first day whose figures are kept: no report reaches further back, so
 * a ticket's older days are never filed.
 */
export function firstFiledDay(now: number): string {
  return utcDay(now - (REPORT_MAX_DAYS + 1) * DAY);
}

/** The days a report for the period reads: `from`'s day through `to`'s. */
export function daysOf(period: ReportPeriod): string[] {
  const days: string[] = [];
  const last = Math.floor(period.to / DAY);
  for (let day = Math.floor(period.from / DAY); day <= last; day++) {
    days.push(utcDay(day * DAY));
  }
  return days;
}

/**
 * One ticket's figures as of one write (`rev`, see ticket_store.ts), with
 * what the export names it by: its key and summary. The summary is the
 * requester's words: a private ticket's is never kept here, and a purge
 * takes it out of every filed row (withoutText).
 */
export interface ReportRow extends ReportTicket {
  id: string;
  rev: string;
  key?: string;
  summary?: string;
}

export type RowSource =
  & Pick<Ticket, "id" | "status" | "priority" | "created_at">
  & Partial<
    Pick<
      Ticket,
      | "first_response_at"
      | "resolved_at"
      | "response_due_at"
      | "resolution_due_at"
      | "rating"
      | "rated_at"
      | "queue_id"
      | "saved_reply_uses"
      | "closed_at"
      | "close_reason"
      | "key"
      | "summary"
      | "private"
    >
  >;

export function reportRowOf(ticket: RowSource, rev: string): ReportRow {
  const row: ReportRow = {
    id: ticket.id,
    rev,
    status: ticket.status,
    priority: ticket.priority,
    created_at: ticket.created_at,
  };
  if (ticket.queue_id !== undefined) row.queue = ticket.queue_id;
  if (ticket.key) row.key = ticket.key;
  // A private request's words go to its agents only (its card shows none),
  // never into figures an admin of every queue exports.
  if (ticket.summary && !ticket.private) row.summary = ticket.summary;
  for (
    const field of [
      "first_response_at",
      "resolved_at",
      "response_due_at",
      "resolution_due_at",
      "rating",
      "rated_at",
    ] as const
  ) {
    const value = ticket[field];
    if (typeof value === "number") row[field] = value;
  }
  // A deadline its ticket was closed before with nothing done (withdrawn,
  // denied, merged, closed by an agent) was never missed: the service
  // levels stop its clock at the close (tickets/service_levels.ts).
  for (
    const [due, done] of [
      ["response_due_at", row.first_response_at],
      ["resolution_due_at", row.resolved_at],
    ] as const
  ) {
    if (row.status === "closed" && done === undefined) {
      if (ticket.closed_at! <= row[due]!) delete row[due];
    }
  }
  if (ticket.saved_reply_uses?.length) {
    row.saved_reply_uses = [...ticket.saved_reply_uses];
  }
  if (
    ticket.close_reason === "self_solved" &&
    typeof ticket.closed_at === "number"
  ) {
    row.self_solved_at = ticket.closed_at;
  }
  return row;
}

// A row is a JSON array in a fixed order: a fifth of the size of an object,
// so a busy day still fits one item. The last four fields were added later:
// rows filed before them end at rated_at, at saved_reply_uses or at
// self_solved_at.
const ORDER = [
  "id",
  "rev",
  "status",
  "priority",
  "queue",
  "created_at",
  "first_response_at",
  "resolved_at",
  "response_due_at",
  "resolution_due_at",
  "rating",
  "rated_at",
  "saved_reply_uses",
  "self_solved_at",
  "key",
  "summary",
] as const;

/** Rows as filed before the last fields were added still read. */
const LATER_FIELDS = 4;

const TEXT_FIELDS: ReadonlySet<string> = new Set([
  "saved_reply_uses",
  "key",
  "summary",
]);

export function encodeRow(row: ReportRow): string {
  return JSON.stringify(ORDER.map((field) => row[field] ?? null));
}

/** The row, or undefined for text this version can't read (reported). */
export function decodeRow(text: string): ReportRow | undefined {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(values) || values.length > ORDER.length ||
    values.length < ORDER.length - LATER_FIELDS
  ) {
    return undefined;
  }
  const [id, rev, status, priority, queue, created_at] = values;
  if (typeof id !== "string" || typeof rev !== "string") return undefined;
  if (!isStatus(status) || !isPriority(priority)) return undefined;
  if (typeof created_at !== "number") return undefined;
  const row: ReportRow = { id, rev, status, priority, created_at };
  if (typeof queue === "string") row.queue = queue;
  ORDER.forEach((field, i) => {
    if (i < 6 || TEXT_FIELDS.has(field)) return;
    const value = values[i];
    if (typeof value === "number") {
      (row as unknown as Record<string, number>)[field] = value;
    }
  });
  const uses = values[ORDER.indexOf("saved_reply_uses")];
  if (Array.isArray(uses)) {
    const strings = uses.filter((u): u is string => typeof u === "string");
    if (strings.length) row.saved_reply_uses = strings;
  }
  for (const field of ["key", "summary"] as const) {
    const text = values[ORDER.indexOf(field)];
    if (typeof text === "string" && text) row[field] = text;
  }
  return row;
}

/** The row without the requester's words: its figures and key stay. */
export function withoutText(row: ReportRow): ReportRow {
  const { summary: _words, ...figures } = row;
  return figures;
}

/**
 * The newer of two rows of one ticket; one without a key (an open work
 * entry written before entries kept it) takes the older's key and summary.
 * One with a key is taken as it is: a private ticket's has no summary, and
 * must not get one back from a row filed before it was made private.
 */
export function newerNamedRow(a: ReportRow, b: ReportRow): ReportRow {
  const [newer, older] = b.rev > a.rev ? [b, a] : [a, b];
  if (newer.key || !older.key) return newer;
  return {
    ...newer,
    key: older.key,
    ...(older.summary ? { summary: older.summary } : {}),
  };
}

/** Revisions sort in the order they were written ("" before any). */
export function newerRow(a: ReportRow, b: ReportRow): ReportRow {
  return b.rev > a.rev ? b : a;
}

// Marked pure: esbuild keeps a set built from a list, read or not.
const OPEN: ReadonlySet<string> = /* @__PURE__ */ new Set(BACKLOG_STATUSES);

/**
 * Whether the full query over every ticket would have found this one: open,
 * or opened, answered, resolved or rated since `from`.
 */
export function inReportQuery(row: ReportTicket, from: number): boolean {
  if (OPEN.has(row.status)) return true;
  return [row.created_at, row.first_response_at, row.resolved_at, row.rated_at]
    .some((at) => at !== undefined && at >= from);
}

/**
 * The report from filed rows and the open work's rows (in any order, each
 * ticket perhaps several times): each ticket's newest row counts, once.
 */
export function reportFromRows(
  rows: Iterable<ReportRow>,
  period: ReportPeriod,
  now: number,
): TicketReport {
  const newest = new Map<string, ReportRow>();
  for (const row of rows) {
    const seen = newest.get(row.id);
    newest.set(row.id, seen ? newerRow(seen, row) : row);
  }
  const found = [...newest.values()].filter((row) =>
    inReportQuery(row, period.from)
  );
  return computeReport(found, period, now);
}

/**
 * Bytes of rows per item: a day's rows are split into parts that each stay
 * well under Slack's 400 KB item limit, whatever else the item carries.
 */
export const PART_BUDGET = 300_000;

const utf8 = /* @__PURE__ */ new TextEncoder();

export function splitIntoParts(rows: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  let size = 0;
  for (const row of rows) {
    // Stored as a string in a list: escaped, quoted and separated.
    const bytes = utf8.encode(JSON.stringify(row)).length + 1;
    if (size + bytes > PART_BUDGET && parts.at(-1)!.length) {
      parts.push([]);
      size = 0;
    }
    parts.at(-1)!.push(row);
    size += bytes;
  }
  return parts;
}
