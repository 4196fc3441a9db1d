// Gathering the tickets a report is about: one filtered query for everything
// that happened in the period or is still open, paged, never one read per
// ticket. The numbers themselves are computed by helpdesk/reports/ticket_report.ts.
// A report covers some queues: who may see which is in report_access.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { allTickets } from "../storage/ticket_queries.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  computeReport,
  type ReportPeriod,
  type TicketReport,
} from "../../helpdesk/reports/ticket_report.ts";

/** Every ticket a report of the period can count, all queues together. */
export function ticketsForReport(
  client: SlackAPIClient,
  period: ReportPeriod,
): Promise<Ticket[]> {
  return allTickets(client, {
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
}

/** The report of the tickets of `queueIds`, or of all of them. */
export function reportOf(
  tickets: readonly Ticket[],
  period: ReportPeriod,
  now: number,
  queueIds?: ReadonlySet<string>,
): TicketReport {
  const covered = queueIds
    ? tickets.filter((t) => queueIds.has(t.queue_id ?? DEFAULT_QUEUE_ID))
    : tickets;
  return computeReport(covered, period, now);
}
