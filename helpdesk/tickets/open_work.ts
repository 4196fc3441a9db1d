// The open work index: what of a ticket the scheduled run and the lists
// people ask for (My tickets, Open tickets) need to see, and what is due for
// it now. Every ticket write makes an entry; the scheduled run reads them all
// in one pass (SLA notices, auto-close, JSM retries, report filing) and drops
// an entry once the ticket has nothing left: not open, not waiting for its
// requester's word (resolved), not closed within RECENT_DAYS (My tickets
// still shows it), nothing owed.
import {
  OPEN_STATUSES,
  SLA_NOTICES,
  type SlaNoticeName,
  type Ticket,
} from "./model.ts";
import { reportDaysOf } from "../reports/report_rows.ts";
import { type ListRow, RECENT_DAYS } from "./ticket_lists.ts";

/**
 * The ticket fields an entry keeps: report figures, scheduling, what the
 * lists order and filter by (LIST_FIELDS), and the key and summary the
 * report's export names a ticket by (report_export.ts).
 */
export const WORK_FIELDS = [
  "status",
  "requester",
  "assignee",
  "approval",
  "updated_at",
  "closed_at",
  "close_reason",
  "priority",
  "queue_id",
  "created_at",
  "first_response_at",
  "resolved_at",
  "response_due_at",
  "resolution_due_at",
  "rating",
  "rated_at",
  "saved_reply_uses",
  "sla_next_check_at",
  "sla_policy_at",
  "sla_thread_owed",
  "jsm_sync",
  "jsm_retry_at",
  "setup_pending",
  "card_redraw_due",
  "outbox_due",
  "release_due",
  "key",
  "summary",
] as const satisfies readonly (keyof Ticket)[];

/**
 * The fields the lists read, added after the index first shipped: an entry
 * without a requester was written before (every ticket has one), and the
 * walk rewrites it (use_cases/reports/history_walk.ts).
 */
export const LIST_FIELDS = [
  "requester",
  "assignee",
  "approval",
  "updated_at",
  "closed_at",
] as const satisfies readonly (typeof WORK_FIELDS)[number][];

/** Written before the list fields: the lists read its ticket instead. */
export function lacksListFields(entry: WorkEntry): boolean {
  return typeof entry.requester !== "string" ||
    typeof entry.updated_at !== "number";
}

/**
 * Written before entries named their ticket (every ticket has a key): the
 * export would show it without key or summary until the walk rewrites it.
 */
export function lacksName(entry: WorkEntry): boolean {
  return typeof entry.key !== "string";
}

export type WorkEntry =
  & {
    id: string;
    rev: string;
    rolled_rev?: string;
    report_days: string[];
    /** Its words joined the similar-tickets index (see solved_index.ts). */
    similar_indexed?: boolean;
  }
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
    // As in its report rows (report_rows.ts): its words stay private.
    if (field === "summary" && ticket.private) continue;
    (entry as Record<string, unknown>)[field] = value;
  }
  return entry;
}

/**
 * The entry as the lists read it, or undefined when it can't tell (written
 * before the list fields, or partly): the lists read its ticket instead.
 */
export function listRowOf(entry: WorkEntry): ListRow | undefined {
  if (lacksListFields(entry) || isIncomplete(entry)) return undefined;
  return { ...entry, id: entry.id } as ListRow;
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
 * failed, messages Slack refused for a passing reason, merged tickets a
 * requester's close released that did not open again.
 */
export function repairDue(entry: WorkEntry, rules: WorkRules): boolean {
  if (entry.card_redraw_due || entry.outbox_due || entry.release_due) {
    return true;
  }
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
 * Whether the ticket still belongs in the index: it is open, resolved
 * (waiting for its requester's word, or to close by itself), closed within
 * RECENT_DAYS (My tickets shows it), JSM is owed a change, a notice or
 * its thread reply is still to come, or tickets it released to reopen. Otherwise, once filed, it leaves.
 */
export function hasWorkLeft(
  ticket: Partial<
    Pick<
      Ticket,
      | "status"
      | "jsm_sync"
      | "sla_next_check_at"
      | "sla_thread_owed"
      | "closed_at"
      | "updated_at"
      | "release_due"
    >
  >,
  now: number,
): boolean {
  if (open(ticket.status)) return true;
  if (ticket.release_due) return true;
  if (ticket.status === "resolved") return true;
  if (ticket.status === "closed" && closedLately(ticket, now)) return true;
  if (ticket.jsm_sync === "pending") return true;
  if (ticket.sla_next_check_at !== undefined) return true;
  return (ticket.sla_thread_owed?.length ?? 0) > 0;
}

/** Closed within RECENT_DAYS: My tickets still shows it. */
export function closedLately(
  ticket: Partial<Pick<Ticket, "closed_at" | "updated_at">>,
  now: number,
): boolean {
  const closed = ticket.closed_at ?? ticket.updated_at;
  return closed !== undefined && closed >= now - RECENT_DAYS * 86_400;
}

/** Notice names as stored, unknown ones dropped. */
export function noticeNames(value: unknown): SlaNoticeName[] {
  return Array.isArray(value)
    ? value.filter((n): n is SlaNoticeName =>
      (SLA_NOTICES as readonly unknown[]).includes(n)
    )
    : [];
}
