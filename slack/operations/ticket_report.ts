// Gathering the tickets a report is about: one filtered query for everything
// that happened in the period or is still open, paged, never one read per
// ticket. The numbers themselves are computed by helpdesk/reports/ticket_report.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { allTickets } from "../storage/ticket_queries.ts";
import {
  computeReport,
  type ReportPeriod,
  type TicketReport,
} from "../../helpdesk/reports/ticket_report.ts";

export async function reportFor(
  client: SlackAPIClient,
  period: ReportPeriod,
  now: number,
): Promise<TicketReport> {
  const tickets = await allTickets(client, {
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
  return computeReport(tickets, period, now);
}
