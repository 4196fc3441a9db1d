import assert from "node:assert/strict";
import {
  D,
  FROM,
  NOW,
  PERIOD,
  ticket,
} from "../../dev/testing/report_fixtures.ts";
import { OPEN_STATUSES } from "../tickets/model.ts";
import {
  BACKLOG_STATUSES,
  computeReport,
  lastDays,
  type ReportTicket,
} from "./ticket_report.ts";

// The rules of computeReport one at a time; the known week, which shows
// them together, is in ticket_report_test.ts.

Deno.test("SLA edge cases one ticket at a time", async (t) => {
  const due = NOW - 2 * D;
  const sla = (extra: Partial<ReportTicket>, period = PERIOD, now = NOW) =>
    computeReport([ticket(extra)], period, now).sla;

  await t.step(
    "answered exactly on the deadline is met, a second late missed",
    () => {
      const onTime = sla({ first_response_at: due, response_due_at: due });
      assert.deepEqual(onTime.firstResponse, {
        met: 1,
        missed: 0,
        percent: 100,
      });
      const late = sla({ first_response_at: due + 1, response_due_at: due });
      assert.deepEqual(late.firstResponse, { met: 0, missed: 1, percent: 0 });
    },
  );

  await t.step(
    "unanswered: missed only when due inside the period and past",
    () => {
      assert.equal(sla({ response_due_at: due }).firstResponse.missed, 1);
      assert.equal(sla({ response_due_at: FROM - 1 }).firstResponse.missed, 0);
      assert.equal(sla({ response_due_at: FROM }).firstResponse.missed, 1);
      // The period has not ended: a deadline at or after now decides nothing.
      const open = { from: FROM, to: NOW + D };
      assert.equal(sla({ response_due_at: NOW }, open).firstResponse.missed, 0);
      assert.equal(
        sla({ response_due_at: NOW - 1 }, open).firstResponse.missed,
        1,
      );
    },
  );

  await t.step("unresolved works the same way for resolution", () => {
    assert.deepEqual(sla({ resolution_due_at: due }).resolution, {
      met: 0,
      missed: 1,
      percent: 0,
    });
    assert.equal(sla({ resolution_due_at: NOW }).resolution.missed, 0);
  });

  await t.step("no target, nothing counted and no percent", () => {
    assert.deepEqual(sla({ first_response_at: due, resolved_at: due }), {
      firstResponse: { met: 0, missed: 0 },
      resolution: { met: 0, missed: 0 },
    });
  });
});

Deno.test("only whole ratings from 1 to 5 count", () => {
  const rated = (rating?: number) => ticket({ rating, rated_at: NOW - D });
  const report = computeReport(
    [rated(4), rated(4.5), rated(0), rated(6), rated(undefined), rated(1)],
    PERIOD,
    NOW,
  );
  // 4 and 1 count: average 2.5, and the count matches the distribution.
  assert.deepEqual(report.rating, {
    count: 2,
    average: 2.5,
    distribution: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 0 },
  });
});

Deno.test("an empty list divides by nothing", () => {
  assert.deepEqual(computeReport([], PERIOD, NOW), {
    period: PERIOD,
    asOf: NOW,
    created: 0,
    resolved: 0,
    backlog: {
      total: 0,
      byStatus: { new: 0, in_progress: 0, waiting_on_requester: 0 },
      byPriority: { low: 0, normal: 0, high: 0, urgent: 0 },
    },
    firstResponse: { count: 0 },
    resolution: { count: 0 },
    sla: {
      firstResponse: { met: 0, missed: 0 },
      resolution: { met: 0, missed: 0 },
    },
    rating: { count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
  });
});

Deno.test("the backlog statuses are the model's open statuses", () => {
  assert.deepEqual([...BACKLOG_STATUSES], [...OPEN_STATUSES]);
});

Deno.test("lastDays", async (t) => {
  await t.step("the days before now, now excluded", () => {
    assert.deepEqual(lastDays(NOW, 1), { from: NOW - D, to: NOW });
    assert.deepEqual(lastDays(NOW, 30), { from: NOW - 30 * D, to: NOW });
  });
  await t.step("no days or nonsense is a RangeError", () => {
    for (const days of [0, -1, NaN, Infinity]) {
      assert.throws(() => lastDays(NOW, days), RangeError, `days = ${days}`);
    }
  });
});

Deno.test("50,000 tickets are quick", () => {
  // Ticket i: created within the week, answered after (i % 100) minutes;
  // statuses cycle, so 3 in 5 are open. Each minute value occurs 500 times.
  const statuses = [
    "new",
    "in_progress",
    "waiting_on_requester",
    "resolved",
    "closed",
  ] as const;
  const tickets: ReportTicket[] = Array.from({ length: 50_000 }, (_, i) => ({
    status: statuses[i % 5],
    priority: "normal",
    created_at: FROM + (i % 7) * D + i,
    first_response_at: FROM + (i % 7) * D + i + (i % 100) * 60,
  }));
  const started = performance.now();
  const report = computeReport(tickets, PERIOD, NOW);
  const elapsed = performance.now() - started;
  assert.equal(report.created, 50_000);
  assert.equal(report.backlog.total, 30_000);
  // Sorted, positions 25,000 and 25,001 hold minutes 49 and 50: median
  // 49.5m. p90 is rank 45,000, the last of the 89-minute values.
  assert.deepEqual(report.firstResponse, {
    count: 50_000,
    median: 49.5 * 60,
    p90: 89 * 60,
  });
  // A generous bound: it takes tens of milliseconds; seconds would mean a
  // pass per ticket or a sort per statistic gone quadratic.
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
});
