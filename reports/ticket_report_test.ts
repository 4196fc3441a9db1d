import assert from "node:assert/strict";
import { computeReport, lastDays, type ReportTicket } from "./ticket_report.ts";
import { median, percentile } from "./percentiles.ts";
import { attainmentText, reportBlocks, reportText } from "./report_blocks.ts";
import { formatElapsed } from "./durations.ts";
import { blockKitProblems } from "../testing/fake_slack/block_kit_limits.ts";
import { HOSTILE_TEXT } from "../testing/hostile_text.ts";

const NOW = 1_800_000_000;
const DAY = 86_400;
const H = 3600;
const period = lastDays(NOW, 7); // [NOW - 7d, NOW)

function t(extra: Partial<ReportTicket>): ReportTicket {
  return {
    status: "new",
    priority: "normal",
    created_at: NOW - 2 * DAY,
    ...extra,
  };
}

// A week in which each ticket tests one rule; expected numbers by hand below.
const TICKETS: ReportTicket[] = [
  // 1. resolved in period: response 1h (met, due 2h), resolution 10h (met)
  t({
    status: "resolved",
    first_response_at: NOW - 2 * DAY + H,
    resolved_at: NOW - 2 * DAY + 10 * H,
    response_due_at: NOW - 2 * DAY + 2 * H,
    resolution_due_at: NOW - 2 * DAY + 10 * H,
    rating: 5,
    rated_at: NOW - DAY,
  }),
  // 2. closed in period: response 3h (missed, due 2h), resolution 30h (missed, due 24h)
  t({
    status: "closed",
    first_response_at: NOW - 2 * DAY + 3 * H,
    resolved_at: NOW - 2 * DAY + 30 * H,
    response_due_at: NOW - 2 * DAY + 2 * H,
    resolution_due_at: NOW - DAY,
    rating: 2,
    rated_at: NOW - H,
  }),
  // 3. open, in progress, high: response 2h (met exactly on its deadline)
  t({
    status: "in_progress",
    priority: "high",
    first_response_at: NOW - 2 * DAY + 2 * H,
    response_due_at: NOW - 2 * DAY + 2 * H,
    resolution_due_at: NOW + DAY,
  }),
  // 4. new, urgent, unanswered, response due an hour ago: missed
  t({ priority: "urgent", created_at: NOW - 3 * H, response_due_at: NOW - H }),
  // 5. new, unanswered, due tomorrow: not counted yet
  t({ created_at: NOW - H, response_due_at: NOW + DAY }),
  // 6. waiting on the requester: response 4h, no due dates
  t({
    status: "waiting_on_requester",
    priority: "low",
    first_response_at: NOW - 2 * DAY + 4 * H,
  }),
  // 7. created before the period, resolved inside it: response outside the
  //    period (not counted), resolution 10 days (counted)
  t({
    status: "resolved",
    created_at: NOW - 10 * DAY,
    first_response_at: NOW - 10 * DAY + H,
    resolved_at: NOW,
    response_due_at: NOW - 9 * DAY,
    resolution_due_at: NOW - 3 * DAY,
  }),
  // 8. all before the period: only nothing (rated before the period too)
  t({
    status: "closed",
    created_at: NOW - 20 * DAY,
    first_response_at: NOW - 20 * DAY + H,
    resolved_at: NOW - 19 * DAY,
    rating: 1,
    rated_at: NOW - 19 * DAY,
    resolution_due_at: NOW - 18 * DAY,
  }),
  // 9. unanswered, overdue since before the period: counted in its own period
  t({
    priority: "high",
    created_at: NOW - 9 * DAY,
    response_due_at: NOW - 8 * DAY,
  }),
];
// Ticket 7 resolved_at is NOW: outside [from, to). Only tickets 1 and 2 are
// resolved in the period.

Deno.test("a week's report from known tickets", () => {
  const r = computeReport(TICKETS, period, NOW);
  assert.equal(r.created, 6); // 1-6
  assert.equal(r.resolved, 2); // 1, 2
  assert.deepEqual(r.backlog, {
    total: 5, // 3, 4, 5, 6, 9
    byStatus: { new: 3, in_progress: 1, waiting_on_requester: 1 },
    byPriority: { low: 1, normal: 1, high: 2, urgent: 1 },
  });
  // Responses in the period: 1h, 3h, 2h, 4h → median 2.5h, p90 rank 4 = 4h.
  assert.deepEqual(r.firstResponse, { count: 4, median: 2.5 * H, p90: 4 * H });
  // Resolutions: 10h and 30h → median 20h, p90 rank 2 = 30h.
  assert.deepEqual(r.resolution, { count: 2, median: 20 * H, p90: 30 * H });
  // Response SLA: met 1, 3; missed 2, 4 → 50%. 5 not due, 9 outside.
  assert.deepEqual(r.sla.firstResponse, { met: 2, missed: 2, percent: 50 });
  // Resolution SLA: met 1 (on the deadline); missed 2.
  assert.deepEqual(r.sla.resolution, { met: 1, missed: 1, percent: 50 });
  assert.deepEqual(r.rating, {
    count: 2,
    average: 3.5,
    distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 },
  });
});

Deno.test("an empty week has no averages and divides by nothing", () => {
  const r = computeReport([], period, NOW);
  assert.equal(r.created, 0);
  assert.deepEqual(r.firstResponse, {
    count: 0,
    median: undefined,
    p90: undefined,
  });
  assert.deepEqual(r.sla.resolution, { met: 0, missed: 0 });
  assert.equal(r.rating.average, undefined);
  const text = JSON.stringify(reportBlocks(r, "Weekly"));
  assert.match(text, /No ratings yet/);
  assert.match(text, /No targets came due/);
  assert.match(text, /No tickets yet/);
});

Deno.test("percentiles by nearest rank, the median by the middle", () => {
  assert.equal(percentile([5, 1, 3, 2, 4], 90), 5);
  assert.equal(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90), 90);
  assert.equal(percentile([7], 90), 7);
  assert.equal(percentile([], 90), undefined);
  assert.throws(() => percentile([1], 0), RangeError);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

Deno.test("the report reads well and stays within Block Kit", () => {
  const r = computeReport(TICKETS, period, NOW);
  const blocks = reportBlocks(r, "Helpdesk report: the last 7 days");
  assert.deepEqual(blockKitProblems(blocks), []);
  const text = JSON.stringify(blocks);
  assert.match(text, /\*First-response SLA\*\\n50% \(2 of 4 met\)/);
  assert.match(text, /Median 2h 30m · 90th percentile 4h 00m \(4 tickets\)/);
  assert.match(text, /3\.5 \/ 5 from 2 ratings/);
  assert.match(text, /Urgent: 1\\nHigh: 2\\nNormal: 1\\nLow: 1/);
  assert.equal(
    reportText(r, "Weekly"),
    "Weekly: 6 created, 2 resolved, 5 open. First-response SLA 50%, resolution SLA 50%.",
  );
  assert.equal(
    attainmentText({ met: 23, missed: 2, percent: 92 }),
    "92% (23 of 25 met)",
  );
  assert.equal(formatElapsed(30), "under a minute");
  assert.equal(formatElapsed(2 * DAY + 4 * H + 59), "2d 4h");
});

Deno.test("a hostile title stays plain text", () => {
  for (const title of HOSTILE_TEXT) {
    const [header] = reportBlocks(computeReport([], period, NOW), title) as {
      text?: { type: string };
    }[];
    assert.equal(header.text?.type, "plain_text");
  }
});
