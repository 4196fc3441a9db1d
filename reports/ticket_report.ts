// The numbers of a Helpdesk report, computed from tickets in one pass:
// created and resolved in the period, the backlog now, times to first
// response and to resolution, SLA attainment and the average rating.
import {
  OPEN_STATUSES,
  PRIORITIES,
  type Priority,
  type Status,
  type Ticket,
} from "../tickets/model.ts";
import { mean, median, percentile } from "./percentiles.ts";

export type ReportTicket = Pick<
  Ticket,
  | "status"
  | "priority"
  | "created_at"
  | "first_response_at"
  | "resolved_at"
  | "response_due_at"
  | "resolution_due_at"
  | "rating"
  | "rated_at"
>;

/** Half-open: from ≤ t < to, Unix seconds. */
export interface ReportPeriod {
  from: number;
  to: number;
}

export interface DurationStats {
  count: number;
  median?: number;
  p90?: number;
}

export interface Attainment {
  met: number;
  missed: number;
  /** met / (met + missed) × 100; absent when nothing was measured. */
  percent?: number;
}

export interface TicketReport {
  period: ReportPeriod;
  created: number;
  resolved: number;
  backlog: {
    total: number;
    byStatus: Record<Status, number>;
    byPriority: Record<Priority, number>;
  };
  firstResponse: DurationStats;
  resolution: DurationStats;
  sla: { firstResponse: Attainment; resolution: Attainment };
  rating: {
    count: number;
    average?: number;
    distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  };
}

export function lastDays(now: number, days: number): ReportPeriod {
  return { from: now - days * 86_400, to: now };
}

export function computeReport(
  tickets: Iterable<ReportTicket>,
  period: ReportPeriod,
  now: number,
): TicketReport {
  const inPeriod = (t?: number) =>
    t !== undefined && t >= period.from && t < period.to;
  const byStatus = Object.fromEntries(
    OPEN_STATUSES.map((s) => [s, 0]),
  ) as Record<Status, number>;
  const byPriority = Object.fromEntries(
    PRIORITIES.map((p) => [p, 0]),
  ) as Record<Priority, number>;
  const responseTimes: number[] = [];
  const resolutionTimes: number[] = [];
  const ratings: number[] = [];
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const responseSla = { met: 0, missed: 0 };
  const resolutionSla = { met: 0, missed: 0 };
  let created = 0;
  let resolved = 0;
  let backlog = 0;

  for (const t of tickets) {
    if (inPeriod(t.created_at)) created++;
    if (OPEN_STATUSES.includes(t.status)) {
      backlog++;
      byStatus[t.status]++;
      byPriority[t.priority]++;
    }
    if (inPeriod(t.first_response_at)) {
      responseTimes.push(t.first_response_at! - t.created_at);
    }
    if (inPeriod(t.resolved_at)) {
      resolved++;
      resolutionTimes.push(t.resolved_at! - t.created_at);
    }
    countTarget(responseSla, t.first_response_at, t.response_due_at);
    countTarget(resolutionSla, t.resolved_at, t.resolution_due_at);
    if (inPeriod(t.rated_at) && t.rating !== undefined) {
      ratings.push(t.rating);
      const star = t.rating as 1 | 2 | 3 | 4 | 5;
      if (star in distribution) distribution[star]++;
    }
  }

  /**
   * A target counts in the period it was decided: met or missed when the
   * moment came, or missed when its deadline passed with nothing done.
   */
  function countTarget(
    tally: { met: number; missed: number },
    doneAt: number | undefined,
    dueAt: number | undefined,
  ) {
    if (dueAt === undefined) return;
    if (doneAt !== undefined) {
      if (inPeriod(doneAt)) doneAt <= dueAt ? tally.met++ : tally.missed++;
    } else if (inPeriod(dueAt) && dueAt < now) {
      tally.missed++;
    }
  }

  return {
    period,
    created,
    resolved,
    backlog: { total: backlog, byStatus, byPriority },
    firstResponse: durationStats(responseTimes),
    resolution: durationStats(resolutionTimes),
    sla: {
      firstResponse: attainment(responseSla),
      resolution: attainment(resolutionSla),
    },
    rating: { count: ratings.length, average: mean(ratings), distribution },
  };
}

function durationStats(values: number[]): DurationStats {
  return {
    count: values.length,
    median: median(values),
    p90: percentile(values, 90),
  };
}

function attainment(tally: { met: number; missed: number }): Attainment {
  const total = tally.met + tally.missed;
  return {
    ...tally,
    ...(total ? { percent: (tally.met / total) * 100 } : {}),
  };
}
