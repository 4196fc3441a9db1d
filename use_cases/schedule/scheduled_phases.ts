// The phases of a scheduled run (scheduled_run.ts), in the order it runs
// them. Each returns its part of the report, whether it left work for the
// next run (cutShort), and the tickets it wrote, so that a later phase
// leaves those alone. A phase that Slack or the run's budget stops half-way
// returns what it did with `stopped`; the run ends there.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { WorkEntry } from "../../helpdesk/tickets/open_work.ts";
import { autoClose } from "../../helpdesk/tickets/auto_close.ts";
import { type CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import type { TicketRevision } from "../../slack/storage/ticket_queries.ts";
import type { WorkItem, WorkTable } from "../../slack/storage/work_store.ts";
import { walkHistory, walkStateFrom } from "../reports/history_walk.ts";
import { settleEntries, type Settling } from "../reports/report_filing.ts";
import { changeUnderLock } from "../changes/change_under_lock.ts";
import { checkServiceLevels, type RunContext } from "./sla_check.ts";
import { repairTickets } from "./ticket_repair.ts";
import { indexClosed } from "./retention.ts";
import type { PhaseResult, RunFailure, RunPart } from "./run_report.ts";

export type { PhaseResult } from "./run_report.ts";

/**
 * What closing one ticket takes, by method: its lock (a reaction taken and
 * given back, its time kept), the ticket and its entry, the card, the thread
 * and the requester.
 */
const CLOSE_CALLS: Record<string, number> = {
  "reactions.add": 1,
  "reactions.remove": 1,
  "apps.datastore.get": 2,
  "apps.datastore.put": 2,
  "apps.datastore.update": 2,
  "chat.update": 1,
  "chat.postMessage": 2,
};
/** What repairing one ticket may take, at most, by method. */
const REPAIR_CALLS: Record<string, number> = {
  "reactions.add": 1,
  "reactions.remove": 1,
  "apps.datastore.get": 4,
  "apps.datastore.update": 4,
  "apps.datastore.bulkPut": 1,
  "chat.update": 1,
  "chat.postMessage": 4,
  "conversations.history": 1,
};

export function hasRoomFor(budget: CallBudget, calls: Record<string, number>) {
  return budget.timeLeft() > 2_000 &&
    Object.entries(calls).every(([method, n]) => budget.remaining(method) >= n);
}

/**
 * One page of the walk over the tickets: on an install not yet indexed, it
 * is what finds the work the rest of the run does. `pending` is what it
 * found, still to be written.
 */
export async function walkTickets(
  client: SlackAPIClient,
  budget: CallBudget,
  table: WorkTable,
  now: number,
  autoCloseDays: number,
): Promise<PhaseResult & { pending: WorkItem[] }> {
  const indexing = walkStateFrom(table.walk).passes === 0;
  try {
    const walk = await walkHistory(
      { client, budget, now, autoCloseDays, entries: table.entries },
      walkStateFrom(table.walk),
    );
    return {
      part: { walked: walk.walked, indexing: walk.state.passes === 0 },
      cutShort: false,
      wrote: [],
      pending: walk.pending,
    };
  } catch (error) {
    // The walk saves its place only after its writes: whatever stopped it,
    // the next run takes up from there, and this one goes on with the work
    // the index already knows.
    console.error("the walk over the tickets stopped; next run goes on", error);
    return {
      part: { indexing },
      cutShort: isCarryOver(error),
      wrote: [],
      pending: [],
    };
  }
}

/**
 * SLA warnings and breaches on the due tickets read, as many as their
 * records fit in the run: each ticket's notices are recorded with one
 * update of its own (see checkServiceLevels). The walk's pending items are
 * written with those records.
 */
export async function checkDueServiceLevels(
  client: SlackAPIClient,
  budget: CallBudget,
  context: RunContext,
  due: WorkEntry[],
): Promise<PhaseResult & { looked: Ticket[] }> {
  const room = Math.max(0, budget.remaining("apps.datastore.update") - 4);
  const all = due.flatMap((e) => context.read.get(e.id)?.ticket ?? []);
  const tickets = all.slice(0, room);
  const cutShort = tickets.length < all.length;
  const examined: RunPart = { examined: tickets.length };
  if (!tickets.length) {
    return { part: examined, cutShort, wrote: [], looked: tickets };
  }
  try {
    const checked = await checkServiceLevels(client, context, tickets);
    return {
      part: { ...examined, ...checked.part },
      cutShort: cutShort || checked.cutShort,
      wrote: checked.written,
      looked: tickets,
      ...(checked.stopped ? { stopped: checked.stopped } : {}),
    };
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    return {
      part: examined,
      cutShort,
      wrote: [],
      looked: tickets,
      stopped: error,
    };
  }
}

/**
 * Tickets past their auto-close time, each closed under its lock, on the
 * ticket as it is now: someone may have reopened it since it was read.
 */
export async function closeDue(
  client: SlackAPIClient,
  budget: CallBudget,
  settings: HelpdeskSettings,
  closing: WorkEntry[],
  read: Map<string, TicketRevision>,
  written: ReadonlySet<string>,
  autoCloseDays: number,
  now: number,
): Promise<PhaseResult> {
  let autoClosed = 0;
  const failures: RunFailure[] = [];
  const wrote: string[] = [];
  const result = (cutShort: boolean, stopped?: unknown): PhaseResult => ({
    part: { autoClosed, failures },
    cutShort,
    wrote,
    ...(stopped ? { stopped } : {}),
  });
  for (const entry of closing) {
    const fresh = read.get(entry.id);
    const outcome = fresh && autoClose(fresh.ticket, autoCloseDays, now);
    if (!outcome || written.has(entry.id)) continue;
    // A close writes the ticket and its entry, redraws the card and posts
    // twice: it starts only with room left for all of it.
    if (!hasRoomFor(budget, CLOSE_CALLS)) return result(true);
    try {
      // Busy (the lock is held): the next run.
      const closed = await changeUnderLock(
        client,
        settings,
        fresh.ticket,
        (latest) => {
          const change = autoClose(latest, autoCloseDays, now);
          return change
            ? { ok: true, change }
            : { ok: false, reason: "no longer due to close" };
        },
        { now, lock: { waitMs: 1000 } },
      );
      if (closed.ok) autoClosed++;
      wrote.push(entry.id);
    } catch (error) {
      if (isCarryOver(error)) return result(false, error);
      failures.push({ key: fresh.ticket.key, error });
    }
  }
  return result(false);
}

/** What interrupted runs left half-done, while there is time. */
export async function repairDue(
  client: SlackAPIClient,
  budget: CallBudget,
  settings: HelpdeskSettings,
  repairing: WorkEntry[],
  read: Map<string, TicketRevision>,
  written: ReadonlySet<string>,
  now: number,
): Promise<PhaseResult> {
  const broken = repairing.flatMap((e) =>
    written.has(e.id) ? [] : read.get(e.id)?.ticket ?? []
  );
  if (!broken.length) return { part: {}, cutShort: false, wrote: [] };
  const repaired = await repairTickets(
    client,
    settings,
    broken,
    now,
    () => !hasRoomFor(budget, REPAIR_CALLS),
  );
  return {
    part: {
      repaired: repaired.finished + repaired.redrawn + repaired.resent +
        repaired.released,
      failures: repaired.failures,
    },
    cutShort: !repaired.complete,
    wrote: broken.map((ticket) => ticket.id),
  };
}

/**
 * Figures filed and finished entries removed, for tickets read but not
 * written by this run (those are filed by the next run). Each may need an
 * update (marked filed) and a bulk write or two.
 */
export async function settleRead(
  client: SlackAPIClient,
  budget: CallBudget,
  settle: WorkEntry[],
  wanted: readonly string[],
  read: Map<string, TicketRevision>,
  written: ReadonlySet<string>,
  now: number,
): Promise<PhaseResult> {
  const room = budget.remaining("apps.datastore.update") - 2;
  const eligible = settle.filter((e) =>
    wanted.includes(e.id) && !written.has(e.id)
  );
  const settling: Settling[] = eligible.slice(0, Math.max(0, room))
    .map((entry) => ({ entry, fresh: read.get(entry.id) }));
  const cutShort = settling.length < eligible.length;
  if (!settling.length) return { part: {}, cutShort, wrote: [] };
  const settled = await settleEntries(
    client,
    settling,
    now,
    (finished) => indexClosed(client, finished),
  );
  return {
    part: { filed: settled.filed, removed: settled.removed },
    cutShort,
    wrote: [],
  };
}
