// The scheduled run (four an hour): one pass over the open work index does
// what used to take a scan of every ticket each: SLA warnings and breaches,
// auto-close, the JSM retries (their ticket ids go to the next step), and
// filing changed tickets' report figures. Its cost follows open work, not
// history:
//   settings, queues and the whole open work index, read at once
//   one page of the walk over the tickets (the first pass indexes an
//     existing install; later ones re-check the index)
//   the due tickets themselves, 25 a read, and what their notices need.
// It keeps within its share of each Slack method's rate tier and to one post
// a second per channel (slack/api/call_budget.ts); what doesn't fit in one
// run stays due, and the next run carries on.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  autoCloseDue,
  hasWorkLeft,
  isIncomplete,
  jsmRetryDue,
  needsFiling,
  repairDue,
  slaCheckDue,
  threadNotesOwed,
  type WorkEntry,
  type WorkRules,
} from "../../helpdesk/tickets/open_work.ts";
import { autoClose } from "../../helpdesk/tickets/auto_close.ts";
import { DEFAULT_AUTO_CLOSE_DAYS } from "../../helpdesk/tickets/service_level_settings.ts";
import { CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { listStoredQueues } from "../../slack/storage/queue_store.ts";
import {
  type TicketRevision,
  ticketsById,
} from "../../slack/storage/ticket_queries.ts";
import {
  putWorkItems,
  readWorkTable,
  type WorkItem,
} from "../../slack/storage/work_store.ts";
import { walkHistory, walkStateFrom } from "../reports/history_walk.ts";
import { settleEntries, type Settling } from "../reports/report_filing.ts";
import { POSTS_PER_CHANNEL } from "./sla_announcements.ts";
import { changeUnderLock } from "../changes/change_ticket.ts";
import { checkServiceLevels } from "./sla_check.ts";
import { abandonedBefore, repairTickets } from "./ticket_repair.ts";

export interface RunOptions {
  /** Milliseconds of work before leaving the rest to the next run. */
  budgetMs?: number;
  /** The share of each method's rate tier this run may use. */
  share?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Spacing of posts to one channel (Slack's: a second). */
  channelIntervalMs?: number;
}

export interface RunReport {
  /** Tickets looked at for their service levels. */
  examined: number;
  notices: number;
  summaries: number;
  followUps: number;
  /** Thread replies a summary promised, left for later runs. */
  owed: number;
  autoClosed: number;
  /** Openings finished, cards redrawn, kept messages sent. */
  repaired: number;
  /** Tickets whose report figures were filed. */
  filed: number;
  /** Entries removed from the open work index. */
  removed: number;
  /** Tickets the walk read. */
  walked: number;
  /** True until an existing install's tickets are all indexed. */
  indexing: boolean;
  /** Tickets whose JSM sync is due, longest waiting first. */
  jsmDue: string[];
  /** False when the budget or a rate limit left work for the next run. */
  finished: boolean;
  failures: { key: string; error: unknown }[];
}

/** Leaves ~5 s of Slack's 15 s `slack run` limit for the last calls. */
export const DEFAULT_BUDGET_MS = 10_000;
/**
 * Of each tier, the run takes 60%: the JSM step after it takes at most a
 * third (see functions/retry_jsm_syncs), and people's clicks the rest.
 */
export const RUN_SHARE = 0.6;
/** Tickets one run reads for due work: 12 bulk reads, 24 with re-reads. */
const MAX_READS = 300;
/** JSM retries one run hands on (the JSM step's own budget decides). */
const MAX_JSM_DUE = 50;
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

/**
 * Tickets with nothing due but thread replies still owed: only as many per
 * queue as its channel takes in a run, so draining a burst reads a few
 * tickets a run, not all of them.
 */
function onlyRepliesOwed(entries: WorkEntry[], rules: WorkRules) {
  const perQueue = new Map<string, number>();
  return entries.filter((e) => {
    if (isIncomplete(e) || slaCheckDue(e, rules) || !threadNotesOwed(e)) {
      return false;
    }
    const queue = e.queue_id ?? "";
    const taken = perQueue.get(queue) ?? 0;
    perQueue.set(queue, taken + 1);
    return taken < POSTS_PER_CHANNEL;
  });
}

function hasRoomFor(budget: CallBudget, calls: Record<string, number>) {
  return budget.timeLeft() > 2_000 &&
    Object.entries(calls).every(([method, n]) => budget.remaining(method) >= n);
}

export async function runScheduledChecks(
  baseClient: SlackAPIClient,
  now: number,
  options: RunOptions = {},
): Promise<RunReport> {
  const clock = options.clock ?? Date.now;
  const budget = new CallBudget({
    deadline: clock() + (options.budgetMs ?? DEFAULT_BUDGET_MS),
    share: options.share ?? RUN_SHARE,
    clock,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.channelIntervalMs !== undefined
      ? { channelIntervalMs: options.channelIntervalMs }
      : {}),
  });
  const client = budget.wrap(baseClient);
  const report: RunReport = {
    examined: 0,
    notices: 0,
    summaries: 0,
    followUps: 0,
    owed: 0,
    autoClosed: 0,
    repaired: 0,
    filed: 0,
    removed: 0,
    walked: 0,
    indexing: false,
    jsmDue: [],
    finished: false,
    failures: [],
  };
  const [settings, queues, table] = await Promise.all([
    getSettings(client),
    listStoredQueues(client),
    readWorkTable(client),
  ]);
  // Scheduled before setup finished: nothing to check, nobody to tell.
  if (!settings) return { ...report, finished: true };
  const rules: WorkRules = {
    now,
    autoCloseDays: settings.auto_close_days ?? DEFAULT_AUTO_CLOSE_DAYS,
    // Deadlines computed before the latest change to any calendar (the
    // desk's service levels or a queue's holidays) are computed again.
    slaUpdatedAt: Math.max(
      settings.sla_updated_at ?? 0,
      ...queues.map((q) => q.sla_updated_at ?? 0),
    ),
    abandonedBefore: abandonedBefore(now),
  };

  try {
    // The walk first: on an install not yet indexed, it is what finds the
    // work the rest of the run does.
    let pending: WorkItem[] = [];
    let walkCutShort = false;
    report.indexing = walkStateFrom(table.walk).passes === 0;
    try {
      const walk = await walkHistory({
        client,
        budget,
        now,
        autoCloseDays: rules.autoCloseDays,
        entries: table.entries,
      }, walkStateFrom(table.walk));
      pending = walk.pending;
      report.walked = walk.walked;
      report.indexing = walk.state.passes === 0;
    } catch (error) {
      // The walk saves its place only after its writes: whatever stopped
      // it, the next run takes up from there, and this one goes on with
      // the work the index already knows.
      walkCutShort = isCarryOver(error);
      console.error(
        "the walk over the tickets stopped; next run goes on",
        error,
      );
    }

    const entries = [...table.entries.values()];
    const sla = [
      ...entries.filter((e) => !isIncomplete(e) && slaCheckDue(e, rules))
        .sort((a, b) =>
          (a.sla_next_check_at ?? 0) - (b.sla_next_check_at ?? 0)
        ),
      ...onlyRepliesOwed(entries, rules),
    ];
    const closing = entries.filter((e) => autoCloseDue(e, rules));
    const repairing = entries.filter((e) => repairDue(e, rules));
    const settle = entries.filter((e) =>
      isIncomplete(e) || needsFiling(e) || !hasWorkLeft(e, rules.autoCloseDays)
    );
    report.jsmDue = entries.filter((e) => jsmRetryDue(e, rules))
      .sort((a, b) => (a.jsm_retry_at ?? 0) - (b.jsm_retry_at ?? 0))
      .slice(0, MAX_JSM_DUE).map((e) => e.id);

    // Read the due tickets themselves, most urgent first.
    const wanted = [
      ...new Set(
        [...sla, ...closing, ...repairing, ...settle].map((e) => e.id),
      ),
    ]
      .slice(0, MAX_READS);
    const read = wanted.length ? await ticketsById(client, wanted) : new Map();
    const leftUnread = wanted.length <
      new Set([...sla, ...closing, ...repairing, ...settle].map((e) => e.id))
        .size;

    const touched = new Set<string>();
    let cutShort = leftUnread || walkCutShort;
    // Each ticket's notices are recorded with one update of their own (see
    // checkServiceLevels): only as many as those updates fit in the run.
    const slaRoom = Math.max(0, budget.remaining("apps.datastore.update") - 4);
    const slaAll = sla.flatMap((e) => read.get(e.id)?.ticket ?? []);
    const slaTickets = slaAll.slice(0, slaRoom);
    if (slaTickets.length < slaAll.length) cutShort = true;
    report.examined = slaTickets.length;
    if (slaTickets.length) {
      const checked = await checkServiceLevels(
        client,
        { settings, queues, now, table, pending, read },
        slaTickets,
        report,
      );
      cutShort ||= checked.cutShort;
      pending = [];
      for (const id of checked.written) touched.add(id);
    }

    for (const entry of closing) {
      const fresh = read.get(entry.id) as TicketRevision | undefined;
      const outcome = fresh &&
        autoClose(fresh.ticket, rules.autoCloseDays, now);
      if (!outcome || touched.has(entry.id)) continue;
      // A close writes the ticket and its entry, redraws the card and posts
      // twice: it starts only with room left for all of it.
      if (!hasRoomFor(budget, CLOSE_CALLS)) {
        cutShort = true;
        break;
      }
      try {
        // Under the ticket's lock, on the ticket as it is now: someone may
        // have reopened it since it was read. Busy: the next run.
        const closed = await changeUnderLock(
          client,
          settings,
          fresh.ticket,
          (latest) => {
            const change = autoClose(latest, rules.autoCloseDays, now);
            return change
              ? { ok: true, change }
              : { ok: false, reason: "no longer due to close" };
          },
          { now, lock: { waitMs: 1000 } },
        );
        if (closed.ok) report.autoClosed++;
        touched.add(entry.id);
      } catch (error) {
        if (isCarryOver(error)) throw error;
        report.failures.push({ key: fresh.ticket.key, error });
      }
    }

    // What interrupted runs left half-done, while there is time.
    const broken = repairing.flatMap((e) =>
      touched.has(e.id) ? [] : read.get(e.id)?.ticket ?? []
    );
    if (broken.length) {
      const repaired = await repairTickets(
        client,
        settings,
        broken,
        now,
        () => !hasRoomFor(budget, REPAIR_CALLS),
      );
      report.repaired = repaired.finished + repaired.redrawn + repaired.resent;
      report.failures.push(...repaired.failures);
      if (!repaired.complete) cutShort = true;
      for (const ticket of broken) touched.add(ticket.id);
    }

    // Figures filed and finished entries removed, for tickets this run did
    // not write itself (those are filed by the next run).
    // Each may need an update (marked filed) and a bulk write or two.
    const room = budget.remaining("apps.datastore.update") - 2;
    const eligible = settle.filter((e) =>
      wanted.includes(e.id) && !touched.has(e.id)
    );
    const settling: Settling[] = eligible.slice(0, Math.max(0, room))
      .map((entry) => ({ entry, fresh: read.get(entry.id) }));
    if (settling.length < eligible.length) cutShort = true;
    if (settling.length) {
      const settled = await settleEntries(
        client,
        settling,
        rules.autoCloseDays,
        now,
      );
      report.filed = settled.filed;
      report.removed = settled.removed;
    }
    if (pending.length) await putWorkItems(client, pending);
    // Replies owed on tickets this run did not get to are owed still.
    const looked = new Set(slaTickets.map((t) => t.id));
    for (const entry of entries) {
      if (!looked.has(entry.id)) {
        report.owed += entry.sla_thread_owed?.length ?? 0;
      }
    }
    report.finished = !cutShort && report.owed === 0 &&
      report.failures.length === 0;
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    // Slack asked us to slow down, or the run's share is spent: stop here,
    // the next run carries on.
    console.warn("scheduled run stopped early; the next run carries on", error);
    report.finished = false;
  }
  return report;
}
