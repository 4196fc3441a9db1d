// The numbers of a Helpdesk report, computed from tickets in one pass:
// created and resolved in the period, the backlog now, times to first
// response and to resolution, SLA attainment, the satisfaction rating, and
// the tickets their requesters closed with a suggested answer (deflections).
//
// Each event is counted in the period it happened in, so reports for
// adjacent periods add up: a ticket created last week and resolved this
// week counts as created last week and resolved (with its whole duration)
// this week.
import { PRIORITIES, type Priority, type Ticket } from "../tickets/model.ts";
import {
  mean,
  medianOfSorted,
  percentileOfSorted,
  sortedAscending,
} from "./percentiles.ts";
import { parseUse } from "../queues/saved_reply_uses.ts";
import { DEFAULT_QUEUE_ID } from "../queues/queue.ts";

/** The fields a report reads; datastore items and fixtures both fit. */
export interface ReportTicket extends
  Pick<
    Ticket,
    "status" | "priority" | "created_at" | "first_response_at" | "resolved_at"
  > {
  response_due_at?: number;
  resolution_due_at?: number;
  /** 1 to 5; anything else is bad data and is left out of the rating. */
  rating?: number;
  rated_at?: number;
  queue?: string;
  /** Saved replies sent, "<reply id>@<unix time>" (saved_replies.ts). */
  saved_reply_uses?: readonly string[];
  /**
   * When its requester closed it because a suggested solved ticket
   * answered it (a deflection: no agent had to).
   */
  self_solved_at?: number;
}

/** Half-open: from ≤ t < to, Unix seconds. */
export interface ReportPeriod {
  from: number;
  to: number;
}

/** The statuses that make up the backlog (the model's OPEN_STATUSES). */
export const BACKLOG_STATUSES = [
  "new",
  "in_progress",
  "waiting_on_requester",
] as const;
export type BacklogStatus = typeof BACKLOG_STATUSES[number];

export type Stars = 1 | 2 | 3 | 4 | 5;

/** Seconds; median and p90 are absent when count is 0. */
export interface DurationStats {
  count: number;
  median?: number;
  p90?: number;
}

export interface Attainment {
  met: number;
  missed: number;
  /** met / (met + missed) × 100; absent when nothing came due. */
  percent?: number;
}

export interface TicketReport {
  period: ReportPeriod;
  /** The `now` the report was made at: the backlog is as of this moment. */
  asOf: number;
  created: number;
  resolved: number;
  backlog: {
    total: number;
    byStatus: Record<BacklogStatus, number>;
    byPriority: Record<Priority, number>;
  };
  firstResponse: DurationStats;
  resolution: DurationStats;
  sla: { firstResponse: Attainment; resolution: Attainment };
  rating: {
    count: number;
    average?: number;
    distribution: Record<Stars, number>;
  };
  /** Times each saved reply (by id) was sent in the period; absent if none. */
  savedReplies?: Record<string, number>;
  /** Tickets self-solved in the period, by queue id; absent if none. */
  deflections?: Record<string, number>;
}

/** The `days` days up to `now`; `now` itself falls just outside. */
export function lastDays(now: number, days: number): ReportPeriod {
  if (!(days > 0 && Number.isFinite(days))) {
    throw new RangeError(`A report covers at least one day, not ${days}.`);
  }
  return { from: now - days * 86_400, to: now };
}

export function computeReport(
  tickets: Iterable<ReportTicket>,
  period: ReportPeriod,
  now: number,
): TicketReport {
  const { from, to } = period;
  const inPeriod = (t: number | undefined): t is number =>
    t !== undefined && t >= from && t < to;

  const byStatus = zeroes(BACKLOG_STATUSES);
  const byPriority = zeroes(PRIORITIES);
  const distribution = zeroes([1, 2, 3, 4, 5] as const);
  const responseTimes: number[] = [];
  const resolutionTimes: number[] = [];
  const ratings: number[] = [];
  const responseSla = { met: 0, missed: 0 };
  const resolutionSla = { met: 0, missed: 0 };
  let created = 0;
  let backlog = 0;
  const savedReplies: Record<string, number> = {};
  const deflections: Record<string, number> = {};

  /**
   * A target counts in the period it was decided: met or missed at the
   * moment the work was done (on the deadline itself is met), or missed
   * once its deadline has passed with nothing done. A deadline still
   * ahead of `now` has decided nothing yet.
   */
  const tallyTarget = (
    tally: { met: number; missed: number },
    doneAt: number | undefined,
    dueAt: number | undefined,
  ) => {
    if (dueAt === undefined) return;
    if (doneAt !== undefined) {
      if (inPeriod(doneAt)) doneAt <= dueAt ? tally.met++ : tally.missed++;
    } else if (inPeriod(dueAt) && dueAt < now) {
      tally.missed++;
    }
  };

  for (const t of tickets) {
    if (inPeriod(t.created_at)) created++;
    if (Object.hasOwn(byStatus, t.status)) {
      backlog++;
      byStatus[t.status as BacklogStatus]++;
      byPriority[t.priority]++;
    }
    if (inPeriod(t.first_response_at)) {
      responseTimes.push(t.first_response_at - t.created_at);
    }
    if (inPeriod(t.resolved_at)) {
      resolutionTimes.push(t.resolved_at - t.created_at);
    }
    tallyTarget(responseSla, t.first_response_at, t.response_due_at);
    tallyTarget(resolutionSla, t.resolved_at, t.resolution_due_at);
    if (inPeriod(t.rated_at) && isStars(t.rating)) {
      ratings.push(t.rating);
      distribution[t.rating]++;
    }
    if (inPeriod(t.self_solved_at)) {
      const queue = t.queue ?? DEFAULT_QUEUE_ID;
      deflections[queue] = (deflections[queue] ?? 0) + 1;
    }
    for (const use of t.saved_reply_uses ?? []) {
      const parsed = parseUse(use);
      if (parsed && inPeriod(parsed.at)) {
        savedReplies[parsed.replyId] = (savedReplies[parsed.replyId] ?? 0) + 1;
      }
    }
  }

  return {
    period: { from, to },
    asOf: now,
    created,
    resolved: resolutionTimes.length,
    backlog: { total: backlog, byStatus, byPriority },
    firstResponse: durationStats(responseTimes),
    resolution: durationStats(resolutionTimes),
    sla: {
      firstResponse: attainment(responseSla),
      resolution: attainment(resolutionSla),
    },
    rating: ratings.length === 0
      ? { count: 0, distribution }
      : { count: ratings.length, average: mean(ratings), distribution },
    ...(Object.keys(savedReplies).length ? { savedReplies } : {}),
    ...(Object.keys(deflections).length ? { deflections } : {}),
  };
}

// Absent statistics are left out rather than set to undefined, so the
// report has the same shape after a JSON round trip.
function durationStats(seconds: number[]): DurationStats {
  if (seconds.length === 0) return { count: 0 };
  // One sort serves both statistics.
  const sorted = sortedAscending(seconds);
  return {
    count: sorted.length,
    median: medianOfSorted(sorted),
    p90: percentileOfSorted(sorted, 90),
  };
}

function attainment(tally: { met: number; missed: number }): Attainment {
  const total = tally.met + tally.missed;
  return total === 0
    ? { ...tally }
    : { ...tally, percent: (tally.met / total) * 100 };
}

function isStars(rating: number | undefined): rating is Stars {
  return rating !== undefined && Number.isInteger(rating) && rating >= 1 &&
    rating <= 5;
}

function zeroes<K extends PropertyKey>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
