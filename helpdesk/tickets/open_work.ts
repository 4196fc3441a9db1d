// The open work index: what of a ticket the scheduled run needs to see, and
// what is due for it now. Every ticket write makes an entry; the scheduled
// run reads them all in one pass (SLA notices, auto-close, JSM retries,
// report filing) and drops an entry once the ticket has nothing left.
import {
  OPEN_STATUSES,
  SLA_NOTICES,
  type SlaNoticeName,
  type Ticket,
} from "./model.ts";
import { reportDaysOf } from "../reports/report_rows.ts";

/** The ticket fields an entry keeps: report figures and scheduling. */
export const WORK_FIELDS = [
  "status",
  "priority",
  "queue_id",
  "created_at",
  "first_response_at",
  "resolved_at",
  "response_due_at",
  "resolution_due_at",
  "rating",
  "rated_at",
  "sla_next_check_at",
  "sla_policy_at",
  "sla_thread_owed",
  "jsm_sync",
  "jsm_retry_at",
  "setup_pending",
  "card_redraw_due",
  "outbox_due",
] as const satisfies readonly (keyof Ticket)[];

export type WorkEntry =
  & { id: string; rev: string; rolled_rev?: string; report_days: string[] }
  & Partial<Pick<Ticket, (typeof WORK_FIELDS)[number]>>;

/** The entry for a ticket as written in the write `rev`. */
export function workEntryOf(ticket: Ticket, rev: string): WorkEntry {
  const entry: WorkEntry = {
    id: ticket.id,
    rev,
    report_days: reportDaysOf(ticket),
  };
  for (const field of WORK_FIELDS) {
    const value = ticket[field];
    if (value === undefined || (Array.isArray(value) && !value.length)) {
      continue;
    }
    (entry as Record<string, unknown>)[field] = value;
  }
  return entry;
}

/** What the run knows besides the entry. */
export interface WorkRules {
  /** Unix seconds. */
  now: number;
  /** 0: resolved tickets never close by themselves. */
  autoCloseDays: number;
  /** When the service levels last changed (settings.sla_updated_at). */
  slaUpdatedAt: number;
  /**
   * An opening saved before this (Unix seconds) and still not shown was
   * abandoned: no run that could still finish it is alive.
   */
  abandonedBefore: number;
}

const open = (status: unknown) =>
  (OPEN_STATUSES as readonly unknown[]).includes(status);

/**
 * A notice may be due: its check time has come, or the ticket is open and
 * its deadlines predate the current service levels.
 */
export function slaCheckDue(entry: WorkEntry, rules: WorkRules): boolean {
  if (
    entry.sla_next_check_at !== undefined &&
    entry.sla_next_check_at <= rules.now
  ) return true;
  return open(entry.status) &&
    !(entry.sla_policy_at !== undefined &&
      entry.sla_policy_at >= rules.slaUpdatedAt);
}

/** Thread replies a burst summary promised. */
export function threadNotesOwed(entry: WorkEntry): boolean {
  return (entry.sla_thread_owed?.length ?? 0) > 0;
}

export function autoCloseDue(entry: WorkEntry, rules: WorkRules): boolean {
  return rules.autoCloseDays > 0 && entry.status === "resolved" &&
    entry.resolved_at !== undefined &&
    entry.resolved_at <= rules.now - rules.autoCloseDays * 86_400;
}

export function jsmRetryDue(entry: WorkEntry, rules: WorkRules): boolean {
  return entry.jsm_sync === "pending" && entry.jsm_retry_at !== undefined &&
    entry.jsm_retry_at <= rules.now;
}

/**
 * What an interrupted run left: an opening never shown, a card whose redraw
 * failed, messages Slack refused for a passing reason.
 */
export function repairDue(entry: WorkEntry, rules: WorkRules): boolean {
  if (entry.card_redraw_due || entry.outbox_due) return true;
  return entry.setup_pending === true && entry.created_at !== undefined &&
    entry.created_at <= rules.abandonedBefore;
}

/** Changed since its report figures were last filed. */
export function needsFiling(entry: WorkEntry): boolean {
  return entry.rev !== entry.rolled_rev;
}

/** An entry whose fields are missing (a partial write): read the ticket. */
export function isIncomplete(entry: WorkEntry): boolean {
  return typeof entry.status !== "string" ||
    typeof entry.created_at !== "number";
}

/**
 * Whether anything scheduled can still happen to the ticket: it is open, it
 * will close by itself, JSM is owed a change, a notice or its thread reply
 * is still to come, or a run left it half-done. Otherwise, once filed, it
 * leaves the index.
 */
export function hasWorkLeft(
  ticket: Partial<
    Pick<
      Ticket,
      "status" | "jsm_sync" | "sla_next_check_at" | "sla_thread_owed"
    >
  >,
  autoCloseDays: number,
): boolean {
  if (open(ticket.status)) return true;
  if (ticket.status === "resolved" && autoCloseDays > 0) return true;
  if (ticket.jsm_sync === "pending") return true;
  if (ticket.sla_next_check_at !== undefined) return true;
  return (ticket.sla_thread_owed?.length ?? 0) > 0;
}

/** Notice names as stored, unknown ones dropped. */
export function noticeNames(value: unknown): SlaNoticeName[] {
  return Array.isArray(value)
    ? value.filter((n): n is SlaNoticeName =>
      (SLA_NOTICES as readonly unknown[]).includes(n)
    )
    : [];
}
