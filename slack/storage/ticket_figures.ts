// A ticket item read for its report figures alone. A report made before the
// scheduled run has indexed an install's tickets reads the tickets table
// (use_cases/reports/ticket_report.ts); reading each item whole
// (ticket_items.ts toTicket) put every field's decoding, about 7 KB, into
// post_report's bundle for the handful of fields a report counts. Each field
// reads as toTicket reads it, and an item toTicket refuses (an unknown
// priority or status, a damaged hold or answer) is skipped the same way;
// ticket_figures_test.ts holds the two together.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { TicketsDatastore } from "./datastore_refs.ts";
import { type DatastoreFilter, itemPages } from "./datastore.ts";
import {
  decodeAnswers,
  decodeHold,
  fieldReader,
  type TicketItem,
} from "./ticket_items.ts";
import {
  isCloseReason,
  isPriority,
  isStatus,
} from "../../helpdesk/tickets/model.ts";
import type { RowSource } from "../../helpdesk/reports/report_rows.ts";

/** The fields of a ticket that a report counts or its export names. */
export type TicketFigures = RowSource;

/** Throws where toTicket throws, so the same items are skipped. */
export function figuresOf(item: TicketItem): TicketFigures {
  const { priority, status } = item;
  if (!isPriority(priority) || !isStatus(status)) {
    throw new Error(`ticket ${item.id} has an unknown priority or status`);
  }
  if (Array.isArray(item.holds)) item.holds.forEach(decodeHold);
  decodeAnswers(item.answers);
  const read = fieldReader(item);
  const figures: TicketFigures = {
    id: String(item.id),
    key: String(item.key),
    summary: String(item.summary ?? ""),
    priority,
    status,
    created_at: Number(item.created_at),
    first_response_at: read.optional("first_response_at") as
      | number
      | undefined,
    resolved_at: read.optional("resolved_at") as number | undefined,
    closed_at: read.optional("closed_at") as number | undefined,
    close_reason: isCloseReason(item.close_reason)
      ? item.close_reason
      : undefined,
    response_due_at: read.timeOrNone("response_due_at"),
    resolution_due_at: read.timeOrNone("resolution_due_at"),
    rating: read.optional("rating") as number | undefined,
    rated_at: read.optional("rated_at") as number | undefined,
    queue_id: read.text("queue_id"),
    private: read.flag("private"),
    saved_reply_uses: read.strings("saved_reply_uses"),
  };
  for (const [name, value] of Object.entries(figures)) {
    if (value === undefined) delete figures[name as keyof TicketFigures];
  }
  return figures;
}

/** The figures of every ticket the filter matches, page by page. */
export async function allTicketFigures(
  client: SlackAPIClient,
  filter: DatastoreFilter,
): Promise<TicketFigures[]> {
  const figures: TicketFigures[] = [];
  for await (const items of itemPages(client, TicketsDatastore, filter)) {
    for (const item of items) {
      try {
        figures.push(figuresOf(item));
      } catch (error) {
        console.error("skipping unreadable ticket", item.id, error);
      }
    }
  }
  return figures;
}
