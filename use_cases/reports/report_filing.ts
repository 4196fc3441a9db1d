// Settling open work entries in a scheduled run: filing a changed ticket's
// report figures under its days, and removing the entries of tickets with
// nothing left to do. Always from the ticket as just read, never from the
// entry alone, which may lag behind its ticket.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  hasWorkLeft,
  isIncomplete,
  needsFiling,
  type WorkEntry,
  workEntryOf,
} from "../../helpdesk/tickets/open_work.ts";
import {
  firstFiledDay,
  reportDaysOf,
  type ReportRow,
  reportRowOf,
} from "../../helpdesk/reports/report_rows.ts";
import { awaitsIndex } from "../../helpdesk/similar/solved_tickets.ts";
import { fileRows } from "../../slack/storage/report_store.ts";
import {
  markFiled,
  removeWork,
  updateWorkEntry,
} from "../../slack/storage/work_store.ts";
import {
  type TicketRevision,
  ticketsById,
} from "../../slack/storage/ticket_queries.ts";

export interface Settling {
  entry: WorkEntry;
  /** The ticket as just read; absent when it no longer exists. */
  fresh?: TicketRevision;
}

export interface SettleResult {
  filed: number;
  removed: number;
}

/** Adds the ticket's row under each of its report days a report can read. */
export function addRows(
  rowsByDay: Map<string, ReportRow[]>,
  { ticket, rev }: TicketRevision,
  now: number,
) {
  const row = reportRowOf(ticket, rev);
  const first = firstFiledDay(now);
  for (const day of reportDaysOf(ticket)) {
    if (day < first) continue;
    const rows = rowsByDay.get(day) ?? [];
    rows.push(row);
    rowsByDay.set(day, rows);
  }
}

/**
 * `beforeRemoving`: called with the tickets whose entries are about to be
 * removed (nothing left to do); it returns the ids whose entries must stay
 * for now. When it throws, none is removed, and the next run settles them
 * again.
 */
export async function settleEntries(
  client: SlackAPIClient,
  settling: readonly Settling[],
  now: number,
  beforeRemoving?: (tickets: Ticket[]) => Promise<readonly string[]>,
): Promise<SettleResult> {
  const result: SettleResult = { filed: 0, removed: 0 };
  const gone = settling.filter((s) => !s.fresh).map((s) => s.entry.id);
  const present = settling.filter((s): s is Required<Settling> => !!s.fresh);
  const stale = (s: Required<Settling>) =>
    needsFiling(s.entry) || isIncomplete(s.entry) ||
    s.fresh.rev !== s.entry.rev;
  const toFile = present.filter(stale);
  const rowsByDay = new Map<string, ReportRow[]>();
  for (const { fresh } of toFile) addRows(rowsByDay, fresh, now);
  await fileRows(client, rowsByDay, now);
  result.filed = toFile.length;

  // A solved ticket's entry also waits until it has joined the similar
  // tickets index (solved_index.ts reads the entries to find them):
  // removed before, it would never join.
  let finished = present.filter((s) =>
    !hasWorkLeft(s.fresh.ticket, now) && !awaitsIndex(s.entry)
  );
  const marks = toFile.filter((s) => !finished.includes(s)).map((s) =>
    s.fresh.rev === s.entry.rev && !isIncomplete(s.entry)
      ? markFiled(client, s.entry.id, s.fresh.rev)
      // The entry lagged behind its ticket: rewritten whole, and filed.
      : updateWorkEntry(client, workEntryOf(s.fresh.ticket, s.fresh.rev), true)
  );
  await Promise.all(marks);

  if (finished.length && beforeRemoving) {
    const kept = await beforeRemoving(finished.map((s) => s.fresh.ticket));
    finished = finished.filter((s) => !kept.includes(s.entry.id));
  }
  const removing = [...gone, ...finished.map((s) => s.entry.id)];
  const notRemoved = await removeWork(client, removing);
  result.removed = removing.length - notRemoved.length;
  if (finished.length) await restoreChangedSince(client, finished);
  return result;
}

/**
 * A ticket written between the read above and the removal lost its entry
 * with it: read them once more and put back the entries of any that moved.
 */
async function restoreChangedSince(
  client: SlackAPIClient,
  removed: readonly Required<Settling>[],
) {
  const now = await ticketsById(client, removed.map((s) => s.entry.id));
  const moved = removed.flatMap((s) => {
    const current = now.get(s.entry.id);
    return current && current.rev !== s.fresh.rev ? [current] : [];
  });
  await Promise.all(
    moved.map(({ ticket, rev }) =>
      updateWorkEntry(client, workEntryOf(ticket, rev))
    ),
  );
}
