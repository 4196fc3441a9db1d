// Gathering what a report is about without rescanning history: the days the
// period covers (report_days, 25 days a read) and the open work index (the
// backlog, and tickets changed since their figures were filed). Each
// ticket's newest figures count once, and the numbers are those computeReport
// gives over every ticket (helpdesk/reports/report_rows.ts says why). A
// report covers some queues: who may see which is in report_access.ts.
//
// An install whose tickets the scheduled run has not finished indexing
// (its first runs after an upgrade) is still read the old way: every ticket
// that is open or changed in the period, with one filtered, paged query.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { allTicketFigures } from "../../slack/storage/ticket_figures.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import {
  computeReport,
  type ReportPeriod,
  type ReportTicket,
  type TicketReport,
} from "../../helpdesk/reports/ticket_report.ts";
import {
  daysOf,
  inReportQuery,
  newerNamedRow,
  type ReportRow,
  reportRowOf,
} from "../../helpdesk/reports/report_rows.ts";
import { isIncomplete } from "../../helpdesk/tickets/open_work.ts";
import { readWorkTable } from "../../slack/storage/work_store.ts";
import { readDays } from "../../slack/storage/report_store.ts";
import { historyIndexed } from "./history_walk.ts";
import type { ExportTicket } from "../../helpdesk/reports/report_export.ts";

/**
 * Every ticket a report of the period can count, all queues together, once
 * each (`queue` says whose): its newest filed figures, or its figures in the
 * open work index when they are newer, with its key and summary for the
 * export.
 */
export async function ticketsForReport(
  client: SlackAPIClient,
  period: ReportPeriod,
): Promise<ExportTicket[]> {
  const [table, filed] = await Promise.all([
    readWorkTable(client),
    readDays(client, daysOf(period)),
  ]);
  if (!historyIndexed(table.walk)) {
    return await everyTicketInvolved(client, period);
  }
  const newest = new Map<string, ReportRow>();
  const keep = (row: ReportRow) => {
    const seen = newest.get(row.id);
    newest.set(row.id, seen ? newerNamedRow(seen, row) : row);
  };
  for (const rows of filed.values()) rows.forEach(keep);
  for (const entry of table.entries.values()) {
    if (isIncomplete(entry)) continue;
    keep(reportRowOf(entry as Parameters<typeof reportRowOf>[0], entry.rev));
  }
  return [...newest.values()].filter((row) => inReportQuery(row, period.from));
}

/** The report of the tickets of `queueIds`, or of all of them. */
export function reportOf(
  tickets: readonly ReportTicket[],
  period: ReportPeriod,
  now: number,
  queueIds?: ReadonlySet<string>,
): TicketReport {
  const covered = queueIds
    ? tickets.filter((t) => queueIds.has(t.queue ?? DEFAULT_QUEUE_ID))
    : tickets;
  return computeReport(covered, period, now);
}

/** The whole desk's report for the period. */
export async function reportFor(
  client: SlackAPIClient,
  period: ReportPeriod,
  now: number,
): Promise<TicketReport> {
  return reportOf(await ticketsForReport(client, period), period, now);
}

/**
 * The old way, exact by construction: one filtered query over every ticket
 * ever stored, and the numbers computed from all it finds.
 */
export async function reportFromEveryTicket(
  client: SlackAPIClient,
  period: ReportPeriod,
  now: number,
): Promise<TicketReport> {
  return computeReport(await everyTicketInvolved(client, period), period, now);
}

async function everyTicketInvolved(
  client: SlackAPIClient,
  period: ReportPeriod,
): Promise<ExportTicket[]> {
  const tickets = await allTicketFigures(client, {
    expression: [
      "#status IN (:new, :in_progress, :waiting)",
      "#created_at >= :from",
      "#first_response_at >= :from",
      "#resolved_at >= :from",
      "#rated_at >= :from",
    ].join(" OR "),
    attributes: {
      "#status": "status",
      "#created_at": "created_at",
      "#first_response_at": "first_response_at",
      "#resolved_at": "resolved_at",
      "#rated_at": "rated_at",
    },
    values: {
      ":new": "new",
      ":in_progress": "in_progress",
      ":waiting": "waiting_on_requester",
      ":from": period.from,
    },
  });
  // As the index's rows have them: the same figures, counted the same.
  return tickets.map((ticket) => reportRowOf(ticket, ""));
}
