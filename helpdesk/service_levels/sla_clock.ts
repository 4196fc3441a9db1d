// The two SLA clocks of a ticket, first response and resolution, at a given
// moment: their deadlines, when to warn, whether they were met, and which
// notices are due. Every function takes `now`; none reads the real clock.
import type { SlaTargets } from "./sla_policy.ts";
import {
  type Calendar,
  deadlineAfter,
  type Hold,
  workingSecondsBetween,
} from "./working_time.ts";

export interface SlaSubject {
  created_at: number;
  first_response_at?: number;
  resolved_at?: number;
  holds: readonly Hold[];
}

export type SlaTarget = "first_response" | "resolution";

export interface SlaClock {
  target: SlaTarget;
  state: "none" | "running" | "paused" | "met" | "breached";
  /** Absent without a target, or while a hold stops the clock first. */
  dueAt?: number;
  warnAt?: number;
  /** Share of the target used by `now` (or by the moment it was met). */
  used?: number;
  /** When the response or resolution happened; absent while it hasn't. */
  doneAt?: number;
}

export type SlaClocks = Record<SlaTarget, SlaClock>;

export type SlaNotice =
  | "first_response_warning"
  | "first_response_breach"
  | "resolution_warning"
  | "resolution_breach";

/**
 * Both clocks at `now`. A resolution answers the requester too, so a ticket
 * resolved without a recorded first response has its first response at the
 * resolution: otherwise its response clock would run, and warn, forever.
 */
export function evaluateSla(
  subject: SlaSubject,
  targets: SlaTargets,
  calendar: Calendar,
  warnAt: number,
  now: number,
): SlaClocks {
  return {
    first_response: clock(
      "first_response",
      targets.firstResponseMinutes,
      subject.first_response_at ?? subject.resolved_at,
    ),
    resolution: clock(
      "resolution",
      targets.resolutionMinutes,
      subject.resolved_at,
    ),
  };

  function clock(
    target: SlaTarget,
    minutes: number | undefined,
    doneAt: number | undefined,
  ): SlaClock {
    if (!minutes) return { target, state: "none" };
    const seconds = minutes * 60;
    const { created_at: start, holds } = subject;
    const dueAt = deadlineAfter(start, seconds, calendar, holds);
    // Whole seconds, like every other time the app stores.
    const warnSeconds = Math.ceil(seconds * warnAt);
    const warnTime = deadlineAfter(start, warnSeconds, calendar, holds);
    const until = doneAt ?? now;
    const used = workingSecondsBetween(start, until, calendar, holds) / seconds;
    const times = {
      ...(dueAt === undefined ? {} : { dueAt }),
      ...(warnTime === undefined ? {} : { warnAt: warnTime }),
      used,
    };
    if (doneAt !== undefined) {
      const late = dueAt !== undefined && doneAt > dueAt;
      return { target, state: late ? "breached" : "met", ...times, doneAt };
    }
    if (dueAt !== undefined && now >= dueAt) {
      return { target, state: "breached", ...times };
    }
    const paused = holds.some((h) => h.end === undefined && h.start <= now);
    return { target, state: paused ? "paused" : "running", ...times };
  }
}

const NOTICES: Record<SlaTarget, { warning: SlaNotice; breach: SlaNotice }> = {
  first_response: {
    warning: "first_response_warning",
    breach: "first_response_breach",
  },
  resolution: { warning: "resolution_warning", breach: "resolution_breach" },
};

/**
 * The notices to send now, each once. When a warning and its breach are
 * both due (the sweep was late, or the target was short) only the breach is
 * sent, and the warning is marked sent so it never follows the breach.
 * A paused clock sends nothing: the ticket waits on its requester, and a
 * warning it missed comes when the clock runs again if it is still due.
 */
export function dueNotices(
  clocks: SlaClocks,
  alreadySent: readonly SlaNotice[],
  now: number,
): { send: SlaNotice[]; markSent: SlaNotice[] } {
  const send: SlaNotice[] = [];
  const markSent: SlaNotice[] = [];
  for (const clock of Object.values(clocks)) {
    if (!canAnnounce(clock)) continue;
    const { warning, breach } = NOTICES[clock.target];
    if (clock.dueAt !== undefined && now >= clock.dueAt) {
      if (!alreadySent.includes(breach)) {
        send.push(breach);
        markSent.push(breach);
        if (!alreadySent.includes(warning)) markSent.push(warning);
      }
    } else if (
      clock.warnAt !== undefined && now >= clock.warnAt &&
      !alreadySent.includes(warning)
    ) {
      send.push(warning);
      markSent.push(warning);
    }
  }
  return { send, markSent };
}

/**
 * The earliest moment a notice not yet sent comes due; undefined when none
 * can (no targets, both done, or paused: the app recomputes this when the
 * hold ends). It is in the past only when a due notice was not recorded as
 * sent, so a sweep querying `next_check_at <= now` retries it at once.
 */
export function nextCheckAt(
  clocks: SlaClocks,
  alreadySent: readonly SlaNotice[],
): number | undefined {
  const times: number[] = [];
  for (const clock of Object.values(clocks)) {
    if (!canAnnounce(clock)) continue;
    const { warning, breach } = NOTICES[clock.target];
    if (!alreadySent.includes(breach)) {
      if (clock.warnAt !== undefined && !alreadySent.includes(warning)) {
        times.push(clock.warnAt);
      }
      if (clock.dueAt !== undefined) times.push(clock.dueAt);
    }
  }
  return times.length ? Math.min(...times) : undefined;
}

/** Running, or overdue without a response or resolution yet. */
function canAnnounce(clock: SlaClock): boolean {
  return clock.doneAt === undefined &&
    (clock.state === "running" || clock.state === "breached");
}
