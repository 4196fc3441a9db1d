// Solved tickets join the similar-tickets index in the scheduled run: the
// one run at a time that writes it (see slack/storage/similar_index.ts). A
// few a run, found among the open work entries the run reads anyway;
// each entry is then marked, so a ticket is added once.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { WorkEntry } from "../../helpdesk/tickets/open_work.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import {
  awaitsIndex,
  isSolved,
  searchText,
} from "../../helpdesk/similar/solved_tickets.ts";
import {
  addSolved,
  type SolvedText,
} from "../../slack/storage/similar_index.ts";
import type { CallBudget } from "../../slack/api/call_budget.ts";
import { ticketsById } from "../../slack/storage/ticket_queries.ts";
import { updateWorkItem } from "../../slack/storage/work_store.ts";

/** Tickets added per run: a few dozen calls at most. */
export const INDEXED_PER_RUN = 10;
/** Index writes for a few queues' words, kept in hand before starting. */
const BULK_PUTS_NEEDED = 4;

/**
 * Adds up to INDEXED_PER_RUN solved tickets, fewer when the run's budget
 * can't mark that many entries (a mark refused would leave its ticket to be
 * added again, run after run); how many were looked at.
 */
export async function indexSolvedTickets(
  client: SlackAPIClient,
  entries: Iterable<WorkEntry>,
  budget?: CallBudget,
): Promise<number> {
  const room = budget
    ? Math.min(
      budget.remaining("apps.datastore.update"),
      budget.remaining("apps.datastore.bulkGet") > 0 &&
        budget.remaining("apps.datastore.bulkPut") >= BULK_PUTS_NEEDED
        ? INDEXED_PER_RUN
        : 0,
    )
    : INDEXED_PER_RUN;
  const due = [...entries].filter(awaitsIndex).slice(0, room);
  if (!due.length) return 0;
  const read = await ticketsById(client, due.map((e) => e.id));
  const byQueue = new Map<string, SolvedText[]>();
  for (const { ticket } of read.values()) {
    if (!isSolved(ticket)) continue;
    const queue = ticket.queue_id ?? DEFAULT_QUEUE_ID;
    byQueue.set(queue, [
      ...(byQueue.get(queue) ?? []),
      { id: ticket.id, text: searchText(ticket) },
    ]);
  }
  for (const [queue, tickets] of byQueue) {
    await addSolved(client, queue, tickets);
  }
  // Marked only once added: a run that failed above adds them again.
  await Promise.all(
    due.map((e) => updateWorkItem(client, { id: e.id, similar_indexed: true })),
  );
  return due.length;
}
