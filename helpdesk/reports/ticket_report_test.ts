import assert from "node:assert/strict";
import {
  D,
  FROM,
  H,
  NOW,
  PERIOD,
  ticket,
} from "../../dev/testing/report_fixtures.ts";
import { computeReport, type ReportTicket } from "./ticket_report.ts";

// A week in which each ticket tests a rule; the numbers are worked out by
// hand in the test below. c = created_at.
const WEEK: ReportTicket[] = [
  // T1 resolved. Response 1h (due 2h: met); resolution 10h, exactly on its
  // deadline (met). Rated 5 inside the period.
  ticket({
    status: "resolved",
    first_response_at: NOW - 6 * D + H,
    response_due_at: NOW - 6 * D + 2 * H,
    resolved_at: NOW - 6 * D + 10 * H,
    resolution_due_at: NOW - 6 * D + 10 * H,
    rating: 5,
    rated_at: NOW - 5 * D,
  }),
  // T2 closed. Response 3h (due 2h: missed); resolution 30h (due 24h:
  // missed). Rated 2 inside the period.
  ticket({
    status: "closed",
    first_response_at: NOW - 6 * D + 3 * H,
    response_due_at: NOW - 6 * D + 2 * H,
    resolved_at: NOW - 6 * D + 30 * H,
    resolution_due_at: NOW - 6 * D + 24 * H,
    rating: 2,
    rated_at: NOW - H,
  }),
  // T3 in progress, high. Response 2h, exactly on its deadline (met).
  // Resolution due tomorrow: decided nothing yet.
  ticket({
    status: "in_progress",
    priority: "high",
    created_at: NOW - 5 * D,
    first_response_at: NOW - 5 * D + 2 * H,
    response_due_at: NOW - 5 * D + 2 * H,
    resolution_due_at: NOW + D,
  }),
  // T4 new, urgent, unanswered; response was due an hour ago: missed.
  ticket({
    priority: "urgent",
    created_at: NOW - 3 * H,
    response_due_at: NOW - H,
  }),
  // T5 new, unanswered, response due tomorrow: not counted.
  ticket({ created_at: NOW - H, response_due_at: NOW + D }),
  // T6 waiting on the requester, low. Response 4h; no deadlines at all.
  ticket({
    status: "waiting_on_requester",
    priority: "low",
    created_at: NOW - 4 * D,
    first_response_at: NOW - 4 * D + 4 * H,
  }),
  // T7 created and answered before the period, resolved inside it after
  // 8 days (its deadline, NOW - 3d, had passed: missed). The response is
  // not this period's. Rated 4 inside the period.
  ticket({
    status: "resolved",
    created_at: NOW - 10 * D,
    first_response_at: NOW - 10 * D + H,
    response_due_at: NOW - 10 * D + 2 * H,
    resolved_at: NOW - 2 * D,
    resolution_due_at: NOW - 3 * D,
    rating: 4,
    rated_at: NOW - D,
  }),
  // T8 closed: everything happened before the period. Counts nowhere.
  ticket({
    status: "closed",
    created_at: NOW - 20 * D,
    first_response_at: NOW - 20 * D + H,
    resolved_at: NOW - 19 * D,
    resolution_due_at: NOW - 18 * D,
    rating: 1,
    rated_at: NOW - 19 * D,
  }),
  // T9 new, high, unanswered, overdue since before the period: that miss
  // belongs to its own period, not to this one. Still in the backlog.
  ticket({
    priority: "high",
    created_at: NOW - 9 * D,
    response_due_at: NOW - 8 * D,
  }),
  // T10 resolved at NOW, which the half-open period leaves out, and rated
  // at NOW (left out too). Response 30m (due 1h: met).
  ticket({
    status: "resolved",
    created_at: NOW - 2 * D,
    first_response_at: NOW - 2 * D + H / 2,
    response_due_at: NOW - 2 * D + H,
    resolved_at: NOW,
    resolution_due_at: NOW - H,
    rating: 3,
    rated_at: NOW,
  }),
  // T11 in progress, urgent, created at the very start of the period
  // (included). Response 5h (due 4h: missed); unresolved past its deadline
  // inside the period: missed.
  ticket({
    status: "in_progress",
    priority: "urgent",
    created_at: FROM,
    first_response_at: FROM + 5 * H,
    response_due_at: FROM + 4 * H,
    resolution_due_at: FROM + 2 * D,
  }),
  // T12 resolved, high. Response 6h (due 8h: met); resolution 2d 4h = 52h
  // (due 3d: met). Its rating of 7 is bad data and is ignored.
  ticket({
    status: "resolved",
    priority: "high",
    created_at: NOW - 3 * D,
    first_response_at: NOW - 3 * D + 6 * H,
    response_due_at: NOW - 3 * D + 8 * H,
    resolved_at: NOW - 3 * D + 52 * H,
    resolution_due_at: NOW,
    rating: 7,
    rated_at: NOW - 2 * H,
  }),
];

Deno.test("a week's report from known tickets", async (t) => {
  const report = computeReport(WEEK, PERIOD, NOW);

  await t.step("period and snapshot time", () => {
    assert.deepEqual(report.period, { from: NOW - 7 * D, to: NOW });
    assert.equal(report.asOf, NOW);
  });

  await t.step("created and resolved in the period", () => {
    // Created: T1-T6, T10, T11 (at FROM), T12 = 9; T7-T9 before FROM.
    assert.equal(report.created, 9);
    // Resolved: T1, T2, T7, T12 = 4; T8 before, T10 at NOW (excluded).
    assert.equal(report.resolved, 4);
  });

  await t.step("the backlog is every open ticket, however old", () => {
    // Open: T3, T4, T5, T6, T9, T11.
    assert.deepEqual(report.backlog, {
      total: 6,
      byStatus: { new: 3, in_progress: 2, waiting_on_requester: 1 },
      byPriority: { low: 1, normal: 1, high: 2, urgent: 2 },
    });
  });

  await t.step("time to first response: odd count", () => {
    // T10 .5h, T1 1h, T3 2h, T2 3h, T6 4h, T11 5h, T12 6h (n = 7).
    // Median: the 4th = 3h. p90: rank ceil(6.3) = 7 → 6h.
    assert.deepEqual(report.firstResponse, {
      count: 7,
      median: 3 * H,
      p90: 6 * H,
    });
  });

  await t.step("time to resolution: even count", () => {
    // T1 10h, T2 30h, T12 52h, T7 192h (n = 4).
    // Median: (30h + 52h) / 2 = 41h. p90: rank ceil(3.6) = 4 → 192h.
    assert.deepEqual(report.resolution, {
      count: 4,
      median: 41 * H,
      p90: 192 * H,
    });
  });

  await t.step("first-response SLA", () => {
    // Met: T1, T3 (on the deadline), T10, T12. Missed: T2, T4 (unanswered),
    // T11. Not counted: T5 (not due yet), T6 (no target), T7 (answered
    // before the period), T9 (overdue before the period).
    assert.deepEqual(report.sla.firstResponse, {
      met: 4,
      missed: 3,
      percent: (4 / 7) * 100,
    });
  });

  await t.step("resolution SLA", () => {
    // Met: T1 (on the deadline), T12. Missed: T2, T7, T11 (unresolved).
    // Not counted: T3 (not due yet), T8 (before), T10 (resolved at NOW).
    assert.deepEqual(report.sla.resolution, {
      met: 2,
      missed: 3,
      percent: 40,
    });
  });

  await t.step("ratings given in the period", () => {
    // T1 5, T2 2, T7 4 → 11 / 3. T8 before, T10 at NOW, T12's 7 is invalid.
    assert.deepEqual(report.rating, {
      count: 3,
      average: 11 / 3,
      distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
    });
  });

  await t.step("tickets are read in one pass", () => {
    // A generator can be iterated only once: a second pass would see
    // nothing and the numbers would differ.
    const once = computeReport(
      (function* () {
        yield* WEEK;
      })(),
      PERIOD,
      NOW,
    );
    assert.deepEqual(once, report);
  });
});

Deno.test("deflections: self-solved tickets counted per queue in their period", () => {
  const closed = (queue: string | undefined, at: number): ReportTicket => ({
    status: "closed",
    priority: "normal",
    created_at: at - H,
    self_solved_at: at,
    ...(queue ? { queue } : {}),
  });
  const report = computeReport(
    [
      closed("it", NOW - H),
      closed("it", NOW - 2 * D),
      closed(undefined, NOW - H),
      // Before the period, and a close that was no deflection.
      closed("it", FROM - H),
      { status: "closed", priority: "low", created_at: NOW - 2 * H },
    ],
    PERIOD,
    NOW,
  );
  assert.deepEqual(report.deflections, { it: 2, default: 1 });
  // Not resolved by anyone: no resolution counted for them.
  assert.equal(report.resolved, 0);
  assert.equal(computeReport([], PERIOD, NOW).deflections, undefined);
});
