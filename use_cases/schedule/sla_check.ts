// The scheduled run's SLA check (see scheduled_run.ts): announce what came
// due, then record on each ticket only the schedule's fields it changed.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  needsFiling,
  type WorkEntry,
} from "../../helpdesk/tickets/open_work.ts";
import { reportRowOf } from "../../helpdesk/reports/report_rows.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { newRev } from "../../slack/storage/ticket_store.ts";
import {
  type ScheduleChange,
  type TicketRevision,
  ticketsById,
  updateTicketSchedules,
} from "../../slack/storage/ticket_queries.ts";
import type { WorkItem } from "../../slack/storage/work_store.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import { announceDue } from "./sla_announcements.ts";
import { SlaAudiences } from "./sla_audience.ts";
import type { RunPart } from "./run_report.ts";

export interface RunContext {
  settings: HelpdeskSettings;
  queues: Queue[];
  now: number;
  table: { entries: Map<string, WorkEntry> };
  /** Walk fixes and state, written with the notices' records. */
  pending: WorkItem[];
  read: Map<string, TicketRevision>;
}

export interface SlaCheck {
  /** What was announced: notices, summaries, replies, failures. */
  part: RunPart;
  /** True when Slack or the run's budget stopped some posts. */
  cutShort: boolean;
  /** Tickets whose schedule was written. */
  written: string[];
  /** Set when Slack or the budget stopped the run while recording. */
  stopped?: unknown;
}

/**
 * Announce, then record on each ticket as it is now (read again, so a
 * change made while the run posted is kept), its figures marked filed when
 * the notices changed none of them.
 */
export async function checkServiceLevels(
  client: SlackAPIClient,
  context: RunContext,
  tickets: Ticket[],
): Promise<SlaCheck> {
  const { settings, now } = context;
  // With each queue's holidays: a ticket is timed by its queue's calendar.
  const policy = policyFromSettings(settings, context.queues);
  const audiences = new SlaAudiences(client, settings, context.queues);
  const outcome = await announceDue(
    { client, settings, policy, audiences, now },
    tickets,
  );
  const part: RunPart = {
    notices: outcome.notices,
    summaries: outcome.summaries,
    followUps: outcome.followUps,
    owed: outcome.owed,
    failures: outcome.failures,
  };
  try {
    const written = await recordSchedules(client, context, tickets, outcome);
    return { part, cutShort: outcome.cutShort, written };
  } catch (error) {
    // What was posted is reported even when recording it was stopped.
    if (!isCarryOver(error)) throw error;
    return { part, cutShort: outcome.cutShort, written: [], stopped: error };
  }
}

/** Each ticket's schedule fields as the notices left them; their ids. */
async function recordSchedules(
  client: SlackAPIClient,
  context: RunContext,
  tickets: Ticket[],
  outcome: { record: Map<string, (fresh: Ticket) => Ticket> },
): Promise<string[]> {
  const fresh = await ticketsById(client, tickets.map((t) => t.id));
  const changes: ScheduleChange[] = [];
  for (const ticket of tickets) {
    const current = fresh.get(ticket.id);
    if (!current) continue; // deleted meanwhile
    const next = outcome.record.get(ticket.id)!(current.ticket);
    // Nothing to record (replies still owed, none posted this run): left
    // as it is, and free to be filed like any other entry.
    const fields = scheduleChanges(current.ticket, next);
    if (!fields) continue;
    const rev = newRev();
    const entry = context.table.entries.get(ticket.id);
    const before = context.read.get(ticket.id)!;
    // Filed already when the figures as filed are the figures as written.
    const filed = !!entry && !needsFiling(entry) && entry.rev === before.rev &&
      current.rev === before.rev && sameFigures(before.ticket, next);
    changes.push({ ticket: next, rev, filed, fields });
  }
  // Only the schedule's fields: a click saved under the ticket's lock while
  // this run posted is kept, not written over.
  await updateTicketSchedules(client, changes, { alsoWork: context.pending });
  return changes.map((c) => c.ticket.id);
}

const SCHEDULE_FIELDS = [
  "sla_notices",
  "sla_thread_owed",
  "sla_next_check_at",
  "sla_policy_at",
  "response_due_at",
  "resolution_due_at",
] as const;

/** The schedule's fields that differ, or undefined when none does. */
function scheduleChanges(a: Ticket, b: Ticket): Partial<Ticket> | undefined {
  const changed = SCHEDULE_FIELDS.filter((field) =>
    JSON.stringify(a[field] ?? null) !== JSON.stringify(b[field] ?? null)
  );
  if (changed.length === 0) return undefined;
  return Object.fromEntries(changed.map((field) => [field, b[field]]));
}

function sameFigures(a: Ticket, b: Ticket): boolean {
  const { rev: _a, ...rowA } = reportRowOf(a, "");
  const { rev: _b, ...rowB } = reportRowOf(b, "");
  return JSON.stringify(rowA) === JSON.stringify(rowB) &&
    JSON.stringify(a.report_days ?? []) === JSON.stringify(b.report_days ?? []);
}
