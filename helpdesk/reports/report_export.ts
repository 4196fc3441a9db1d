// The Helpdesk report's export: the tickets of a date range as CSV, one row
// a ticket, with every field and time the report counts (the same filed
// figures it reads, helpdesk/reports/report_rows.ts). Plain data in, text
// out.
//
// CSV as RFC 4180 has it (www.rfc-editor.org/rfc/rfc4180): CRLF between
// records, a field holding a comma, a quote or a line break inside quotes,
// quotes doubled. A cell a spreadsheet would run as a formula (OWASP, "CSV
// Injection": starting with =, +, -, @, a tab or a carriage return) gets a
// leading ' so it is shown as text.
import type { ReportPeriod, ReportTicket } from "./ticket_report.ts";
import { OPEN_STATUSES } from "../tickets/model.ts";
import { DEFAULT_QUEUE_ID } from "../queues/queue.ts";
import { REPORT_MAX_DAYS, utcDay } from "./report_rows.ts";

const DAY = 86_400;

/** A ticket's figures, and the key and summary it is recognised by. */
export type ExportTicket = ReportTicket & {
  id: string;
  key?: string;
  summary?: string;
  /** Read from the ticket itself (an install not yet indexed). */
  private?: boolean;
};

export const EXPORT_COLUMNS = [
  "ticket_id",
  "key",
  "summary",
  "queue_id",
  "queue",
  "status",
  "priority",
  "opened_at",
  "first_response_at",
  "first_response_minutes",
  "response_due_at",
  "first_response_target",
  "resolved_at",
  "resolution_minutes",
  "resolution_due_at",
  "resolution_target",
  "rating",
  "rated_at",
  "saved_replies_sent",
  "self_solved_at",
] as const;

/** A cell as a spreadsheet will take it: never a formula, quoted if need be. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const iso = (at: number | undefined) =>
  at === undefined ? "" : new Date(at * 1000).toISOString().replace(
    ".000Z",
    "Z",
  );

const minutes = (from: number, to: number | undefined) =>
  to === undefined ? "" : String(Math.round((to - from) / 60));

/** As the report decides a target: met, missed, or nothing decided yet. */
function target(
  doneAt: number | undefined,
  dueAt: number | undefined,
  now: number,
): string {
  if (dueAt === undefined) return "";
  if (doneAt !== undefined) return doneAt <= dueAt ? "met" : "missed";
  return dueAt < now ? "missed" : "";
}

/**
 * Whether the ticket belongs to the range: opened, first answered,
 * resolved, rated or closed by its requester with a suggested answer in
 * it, or opened before its end and still open.
 */
export function inExportRange(t: ReportTicket, period: ReportPeriod): boolean {
  const inside = (at: number | undefined) =>
    at !== undefined && at >= period.from && at < period.to;
  if (
    [
      t.created_at,
      t.first_response_at,
      t.resolved_at,
      t.rated_at,
      t.self_solved_at,
    ].some(inside)
  ) return true;
  return (OPEN_STATUSES as readonly string[]).includes(t.status) &&
    t.created_at < period.to;
}

/** The CSV of the tickets in the range, oldest first, with a header. */
export function exportCsv(
  tickets: readonly ExportTicket[],
  period: ReportPeriod,
  now: number,
  queueNames: ReadonlyMap<string, string>,
): { csv: string; rows: number } {
  const chosen = tickets.filter((t) => inExportRange(t, period))
    .sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const t of chosen) {
    const queue = t.queue ?? DEFAULT_QUEUE_ID;
    // A private request's words (its summary) go to its agents only, by DM.
    const cells: Record<(typeof EXPORT_COLUMNS)[number], string> = {
      ticket_id: t.id,
      key: t.key ?? "",
      summary: t.private ? "" : t.summary ?? "",
      queue_id: queue,
      queue: queueNames.get(queue) ?? "",
      status: t.status,
      priority: t.priority,
      opened_at: iso(t.created_at),
      first_response_at: iso(t.first_response_at),
      first_response_minutes: minutes(t.created_at, t.first_response_at),
      response_due_at: iso(t.response_due_at),
      first_response_target: target(
        t.first_response_at,
        t.response_due_at,
        now,
      ),
      resolved_at: iso(t.resolved_at),
      resolution_minutes: minutes(t.created_at, t.resolved_at),
      resolution_due_at: iso(t.resolution_due_at),
      resolution_target: target(t.resolved_at, t.resolution_due_at, now),
      rating: t.rating === undefined ? "" : String(t.rating),
      rated_at: iso(t.rated_at),
      saved_replies_sent: String(t.saved_reply_uses?.length ?? 0),
      self_solved_at: iso(t.self_solved_at),
    };
    lines.push(EXPORT_COLUMNS.map((c) => csvCell(cells[c])).join(","));
  }
  return { csv: lines.join("\r\n") + "\r\n", rows: chosen.length };
}

export type CheckedRange =
  | { ok: true; period: ReportPeriod; days: number }
  | { ok: false; problems: { from?: string; to?: string } };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day "YYYY-MM-DD" as its UTC midnight, or undefined if not a date. */
function dayStart(text: string | undefined): number | undefined {
  if (!text || !DATE.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // 2026-02-31 parses in some engines: it must read back the same.
  if (
    !Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== text
  ) {
    return undefined;
  }
  return ms / 1000;
}

/**
 * A range of UTC days, both included, that the report's kept figures
 * cover: ending today at the latest, starting at most REPORT_MAX_DAYS days
 * back. Each problem is said under its own date.
 */
export function checkRange(
  from: string | undefined,
  to: string | undefined,
  now: number,
): CheckedRange {
  const start = dayStart(from);
  const end = dayStart(to);
  const today = Math.floor(now / DAY) * DAY;
  const earliest = today - (REPORT_MAX_DAYS - 1) * DAY;
  const problems: { from?: string; to?: string } = {};
  if (start === undefined) problems.from = "Pick the first day (YYYY-MM-DD).";
  else if (start < earliest) {
    problems.from =
      `Helpdesk keeps report figures for ${REPORT_MAX_DAYS} days: start on ${
        utcDay(earliest)
      } or later.`;
  }
  if (end === undefined) problems.to = "Pick the last day (YYYY-MM-DD).";
  else if (end > today) {
    problems.to = `The last day can be today (${utcDay(today)}) at the latest.`;
  } else if (start !== undefined && end < start) {
    problems.to = "The last day can't be before the first.";
  }
  if (problems.from || problems.to) return { ok: false, problems };
  // The last day included: the period ends at the next midnight, or with
  // this second (the end is excluded: a ticket opened in the second the
  // export is asked for belongs to it).
  return {
    ok: true,
    period: { from: start!, to: Math.min(end! + DAY, now + 1) },
    days: (end! - start!) / DAY + 1,
  };
}
