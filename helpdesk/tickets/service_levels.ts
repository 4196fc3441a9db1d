// Service levels applied to a ticket: which deadlines it has now, when the
// sweep must look at it next, and which warnings are due. The arithmetic
// (business hours, holds, time zones) is in service_levels/; this file only
// connects it to the Ticket shape so both stay plain data in, data out.
import type { SlaNoticeName, Ticket } from "./model.ts";
import {
  calendarFor,
  type SlaPolicy,
  targetsFor,
} from "../service_levels/sla_policy.ts";
import { DEFAULT_QUEUE_ID } from "../queues/queue.ts";
import {
  dueNotices,
  evaluateSla,
  nextCheckAt,
  type SlaClock,
  type SlaTarget,
} from "../service_levels/sla_clock.ts";

export type TicketClocks = Record<SlaTarget, SlaClock>;

/**
 * Both clocks of the ticket at `now`. A ticket closed without a resolution
 * (withdrawn, denied) stops its clocks where it closed: nobody is to be
 * warned about a ticket that is no longer anyone's work.
 */
export function ticketClocks(
  ticket: Ticket,
  policy: SlaPolicy,
  now: number,
): TicketClocks {
  const stoppedAt = ticket.status === "closed"
    ? ticket.closed_at ?? ticket.updated_at
    : undefined;
  return evaluateSla(
    {
      created_at: ticket.created_at,
      first_response_at: ticket.first_response_at,
      resolved_at: ticket.resolved_at ?? stoppedAt,
      holds: ticket.holds ?? [],
    },
    targetsFor(policy, ticket.priority, ticket.category),
    calendarFor(policy, ticket.queue_id ?? DEFAULT_QUEUE_ID),
    policy.warnAt,
    now,
  );
}

/**
 * The ticket with its deadlines and next check brought up to date. Called
 * whenever a ticket is written, so the sweep can find due tickets with one
 * query on `sla_next_check_at` instead of reading every open ticket.
 */
export function withServiceLevels(
  ticket: Ticket,
  policy: SlaPolicy,
  now: number,
): Ticket {
  const clocks = ticketClocks(ticket, policy, now);
  return withSchedule(ticket, clocks, ticket.sla_notices ?? [], now);
}

export interface DueAnnouncements {
  /** The ticket with the notices recorded and its next check moved on. */
  ticket: Ticket;
  send: SlaNoticeName[];
  clocks: TicketClocks;
}

/** What the sweep must announce for a ticket now, each notice only once. */
export function announcementsDue(
  ticket: Ticket,
  policy: SlaPolicy,
  now: number,
): DueAnnouncements {
  const clocks = ticketClocks(ticket, policy, now);
  const sent = ticket.sla_notices ?? [];
  const { send, markSent } = dueNotices(clocks, sent, now);
  const notices = [...new Set([...sent, ...markSent])];
  return {
    ticket: withSchedule(ticket, clocks, notices, now),
    send,
    clocks,
  };
}

/**
 * The ticket with notices recorded as sent (besides those it had) and the
 * thread replies still owed for it, its next check moved on.
 */
export function withNoticesRecorded(
  ticket: Ticket,
  sent: readonly SlaNoticeName[],
  owed: readonly SlaNoticeName[],
  policy: SlaPolicy,
  now: number,
): Ticket {
  const clocks = ticketClocks(ticket, policy, now);
  const notices = [...new Set([...(ticket.sla_notices ?? []), ...sent])];
  const next = withSchedule(ticket, clocks, notices, now);
  if (owed.length) next.sla_thread_owed = [...new Set(owed)];
  else delete next.sla_thread_owed;
  return next;
}

function withSchedule(
  ticket: Ticket,
  clocks: TicketClocks,
  notices: SlaNoticeName[],
  now: number,
): Ticket {
  const next: Ticket = { ...ticket, sla_policy_at: now };
  setOrDelete(next, "response_due_at", clocks.first_response.dueAt);
  setOrDelete(next, "resolution_due_at", clocks.resolution.dueAt);
  setOrDelete(next, "sla_next_check_at", nextCheckAt(clocks, notices));
  if (notices.length) next.sla_notices = notices;
  else delete next.sla_notices;
  return next;
}

function setOrDelete(
  ticket: Ticket,
  field: "response_due_at" | "resolution_due_at" | "sla_next_check_at",
  value: number | undefined,
) {
  if (value === undefined) delete ticket[field];
  else ticket[field] = Math.ceil(value);
}
