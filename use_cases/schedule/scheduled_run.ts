// The scheduled run (four an hour): one pass over the open work index does
// what used to take a scan of every ticket each: SLA warnings and breaches,
// auto-close, the JSM retries (their ticket ids go to the next step), and
// filing changed tickets' report figures. Its cost follows open work, not
// history:
//   settings, queues and the whole open work index, read at once
//   the last day's hour lists of tickets whose entry a write could not
//     write (one read), and those entries (work_catch_up.ts)
//   one page of the walk over the tickets (the first pass indexes an
//     existing install; later ones re-check the index)
//   the due tickets themselves, 25 a read, and what their notices need
//   a page or two of each triage channel's history since the last run
//     (unsaved_cards.ts: cards of tickets never saved, and stray second
//     cards of tickets that exist).
// It keeps within its share of each Slack method's rate tier and to one post
// a second per channel (slack/api/call_budget.ts); what doesn't fit in one
// run stays due, and the next run carries on.
import { indexSolvedTickets } from "./solved_index.ts";
import { catchUpClosed, purgeExpired } from "./retention.ts";
import { eraseDue } from "./erasure.ts";
import { takeBackUnsavedCards } from "./unsaved_cards.ts";
import { catchUpWork } from "./work_catch_up.ts";
import { forgetExpiredTold, forgetUnindexedTold } from "./told_expiry.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { WorkRules } from "../../helpdesk/tickets/open_work.ts";
import { DEFAULT_AUTO_CLOSE_DAYS } from "../../helpdesk/tickets/service_level_settings.ts";
import { CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { listStoredQueues } from "../../slack/storage/queue_store.ts";
import {
  type TicketRevision,
  ticketsById,
} from "../../slack/storage/ticket_queries.ts";
import { putWorkItems, readWorkTable } from "../../slack/storage/work_store.ts";
import { abandonedBefore } from "./ticket_repair.ts";
import { dueWork, repliesOwedElsewhere } from "./due_work.ts";
import {
  checkDueServiceLevels,
  closeDue,
  type PhaseResult,
  repairDue,
  settleRead,
  walkTickets,
} from "./scheduled_phases.ts";
import { combineParts, type RunPart, type RunReport } from "./run_report.ts";

export type { RunReport } from "./run_report.ts";

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

/** Leaves ~5 s of Slack's 15 s `slack run` limit for the last calls. */
export const DEFAULT_BUDGET_MS = 10_000;
/**
 * Of each tier, the run takes 60%: the JSM step after it takes at most a
 * third (see functions/retry_jsm_syncs), and people's clicks the rest.
 */
export const RUN_SHARE = 0.6;

export async function runScheduledChecks(
  baseClient: SlackAPIClient,
  now: number,
  options: RunOptions = {},
): Promise<RunReport> {
  const budget = runBudget(options);
  const client = budget.wrap(baseClient);
  const [settings, queues, table] = await Promise.all([
    getSettings(client),
    listStoredQueues(client),
    readWorkTable(client),
  ]);
  // Scheduled before setup finished: nothing to check, nobody to tell.
  if (!settings) return combineParts([], true);
  const rules = workRules(settings, queues, now);
  const days = rules.autoCloseDays;

  // The report's parts, phase by phase: what a stopped run did is kept.
  const parts: RunPart[] = [];
  const done = <T extends PhaseResult>(phase: T): T => {
    parts.push(phase.part);
    if (phase.stopped) throw phase.stopped;
    return phase;
  };
  try {
    // First, so that every check below sees those entries.
    const caughtUp = await catchUpWork(client, budget, table, now).catch(
      (error) => {
        console.warn("kept entries not written; the next run goes on", error);
        return { cutShort: true };
      },
    );
    const walk = done(
      await walkTickets(client, budget, table, now, days),
    );
    const entries = [...table.entries.values()];
    const due = dueWork(entries, rules);
    parts.push({ jsmDue: due.jsmDue });
    // The due tickets themselves, most urgent first.
    const read: Map<string, TicketRevision> = due.wanted.length
      ? await ticketsById(client, due.wanted)
      : new Map();

    const sla = done(
      await checkDueServiceLevels(client, budget, {
        settings,
        queues,
        now,
        table,
        pending: walk.pending,
        read,
      }, due.sla),
    );
    const closed = done(
      await closeDue(
        client,
        budget,
        settings,
        due.closing,
        read,
        new Set(sla.wrote),
        days,
        now,
      ),
    );
    const repaired = done(
      await repairDue(
        client,
        budget,
        settings,
        due.repairing,
        read,
        new Set([...sla.wrote, ...closed.wrote]),
        now,
      ),
    );
    const settled = done(
      await settleRead(
        client,
        budget,
        due.settle,
        due.wanted,
        read,
        new Set([...sla.wrote, ...closed.wrote, ...repaired.wrote]),
        now,
      ),
    );
    // The walk's findings went out with the SLA records when there were
    // any; otherwise on their own.
    if (!sla.looked.length && walk.pending.length) {
      await putWorkItems(client, walk.pending);
    }
    parts.push({
      owed: repliesOwedElsewhere(entries, new Set(sla.looked.map((t) => t.id))),
    });
    // Retention, after the run's own work: what it can't do in this run
    // stays due, and the next one goes on.
    const purge = done(
      await purgeExpired(client, budget, settings, entries, now),
    );
    const erasure = done(
      await eraseDue(client, budget, settings, table.entries, now),
    );
    // Cards of tickets never saved, and second cards of tickets that
    // exist, after retention and erasure, whose purged cards it must tell
    // apart (unsaved_cards.ts).
    const unsaved = await takeBackUnsavedCards(
      client,
      budget,
      [settings.triage_channel, ...queues.map((q) => q.triage_channel)],
      now,
      settings.workspace_url,
    ).catch((error) => {
      console.warn("unsaved cards not looked for; the next run goes on", error);
      return { cutShort: true };
    });
    // Who was told no ticket was made, kept while a twin delivery may
    // still correct it: past that, deleted.
    const told = await forgetExpiredTold(client, budget, now).catch(
      (error) => {
        console.warn("told items not cleared; the next run goes on", error);
        return { cutShort: true };
      },
    );
    // Those no index led to: a page of `locks` a run. Never "cut short":
    // the look goes on forever, a page at a time.
    await forgetUnindexedTold(client, budget, now).catch((error) =>
      console.warn("told items not looked for; the next run goes on", error)
    );
    await catchUpClosed(client, budget, now).catch((error) =>
      console.warn("closed tickets not indexed; the next run goes on", error)
    );
    // Last, after everything the run owes is saved, as it matters least:
    // a failure here (or the run's share spent) only delays suggestions.
    await indexSolvedTickets(client, entries, budget).catch((error) =>
      console.warn("solved tickets not indexed; the next run tries", error)
    );
    const cutShort = due.leftUnread ||
      [
        caughtUp,
        walk,
        sla,
        closed,
        repaired,
        settled,
        purge,
        erasure,
        unsaved,
        told,
      ]
        .some((
          phase,
        ) => phase.cutShort);
    const report = combineParts(parts, false);
    return {
      ...report,
      finished: !cutShort && report.owed === 0 && report.failures.length === 0,
    };
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    // Slack asked us to slow down, or the run's share is spent: stop here,
    // the next run carries on.
    console.warn(
      "scheduled run stopped early; the next run carries on",
      error,
    );
    return combineParts(parts, false);
  }
}

function runBudget(options: RunOptions): CallBudget {
  const clock = options.clock ?? Date.now;
  return new CallBudget({
    deadline: clock() + (options.budgetMs ?? DEFAULT_BUDGET_MS),
    share: options.share ?? RUN_SHARE,
    clock,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.channelIntervalMs !== undefined
      ? { channelIntervalMs: options.channelIntervalMs }
      : {}),
  });
}

function workRules(
  settings: HelpdeskSettings,
  queues: Queue[],
  now: number,
): WorkRules {
  return {
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
}
