import assert from "node:assert/strict";
import { computeReport } from "../../helpdesk/reports/ticket_report.ts";
import {
  attainmentText,
  deflectionsText,
  durationText,
  ratingText,
  reportBlocks,
  reportText,
} from "./report_blocks.ts";
import {
  contextOf,
  D,
  fieldsOf,
  headerOf,
  NOW,
  REPORT,
} from "../../dev/testing/report_fixtures.ts";

const EMPTY = computeReport([], REPORT.period, NOW);

Deno.test("the report reads as expected", async (t) => {
  const blocks = reportBlocks(REPORT, "Helpdesk report: the last 7 days");
  const fields = fieldsOf(blocks);

  await t.step("a header with the title", () => {
    assert.deepEqual(headerOf(blocks), {
      type: "plain_text",
      text: "Helpdesk report: the last 7 days",
    });
  });

  await t.step("the period in Slack dates, with UTC fallbacks", () => {
    assert.equal(
      contextOf(blocks),
      "<!date^1799395200^{date_short}|2027-01-08> to " +
        "<!date^1799999999^{date_short}|2027-01-15> · backlog as of " +
        "<!date^1800000000^{date_short} {time}|2027-01-15 08:00 UTC>",
    );
  });

  await t.step("a period ending at midnight ends on the day before", () => {
    const midnight = Date.UTC(2027, 0, 15) / 1000;
    const week = {
      ...REPORT,
      period: { from: midnight - 7 * D, to: midnight },
    };
    const text = contextOf(reportBlocks(week, "Weekly"));
    assert.match(
      text,
      /\|2027-01-08> to <!date\^\d+\^\{date_short\}\|2027-01-14>/,
    );
  });

  await t.step("counts, with thousands separated", () => {
    assert.equal(fields.get("Created"), "1,234");
    assert.equal(fields.get("Resolved"), "30");
    assert.equal(fields.get("Backlog"), "6");
  });

  await t.step(
    "the backlog by status and, most urgent first, by priority",
    () => {
      assert.equal(
        fields.get("Backlog by status"),
        "New: 3\nIn progress: 2\nWaiting on requester: 1",
      );
      assert.equal(
        fields.get("Backlog by priority"),
        "Urgent: 2\nHigh: 2\nNormal: 1\nLow: 1",
      );
    },
  );

  await t.step("median and 90th percentile times", () => {
    assert.equal(
      fields.get("Time to first response"),
      "Median 2h 30m · 90% within 4h 05m\n25 tickets",
    );
    assert.equal(
      fields.get("Time to resolution"),
      "Median 1d 2h · 90% within 1d 2h\n1 ticket",
    );
  });

  await t.step("SLA attainment as percent and counts", () => {
    assert.equal(fields.get("First-response SLA met"), "92% (23 of 25)");
    assert.equal(fields.get("Resolution SLA met"), "Nothing came due");
  });

  await t.step("the average rating with its count and spread", () => {
    assert.equal(
      fields.get("Satisfaction"),
      "4.3 / 5 from 12 ratings\n5★ 6 · 4★ 3 · 3★ 3 · 2★ 0 · 1★ 0",
    );
  });

  await t.step("the notification text has the headline numbers", () => {
    assert.equal(
      reportText(REPORT, "Weekly"),
      "Weekly: 1,234 created, 30 resolved, 6 open. " +
        "First-response SLA 92%, resolution SLA —.",
    );
  });
});

Deno.test("an empty report says so instead of showing zeros as times", () => {
  const fields = fieldsOf(reportBlocks(EMPTY, "Weekly"));
  assert.equal(fields.get("Created"), "0");
  assert.equal(fields.get("Time to first response"), "No first responses");
  assert.equal(fields.get("Time to resolution"), "No tickets resolved");
  assert.equal(fields.get("First-response SLA met"), "Nothing came due");
  assert.equal(fields.get("Satisfaction"), "No ratings yet");
  assert.equal(
    reportText(EMPTY, "Weekly"),
    "Weekly: 0 created, 0 resolved, 0 open. " +
      "First-response SLA —, resolution SLA —.",
  );
});

Deno.test("the line helpers", async (t) => {
  await t.step("attainment pluralises nothing and counts everything", () => {
    assert.equal(
      attainmentText({ met: 1, missed: 0, percent: 100 }),
      "100% (1 of 1)",
    );
    assert.equal(
      attainmentText({ met: 2490, missed: 10, percent: 99.6 }),
      "99% (2,490 of 2,500)",
    );
  });
  await t.step("durations and ratings in the singular", () => {
    assert.equal(
      durationText({ count: 1, median: 30, p90: 30 }, "none"),
      "Median under a minute · 90% within under a minute\n1 ticket",
    );
    assert.equal(
      ratingText({
        count: 1,
        average: 5,
        distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 },
      }),
      "5.0 / 5 from 1 rating\n5★ 1 · 4★ 0 · 3★ 0 · 2★ 0 · 1★ 0",
    );
  });
});

Deno.test("deflections: a count, or a line a queue with names escaped", () => {
  const names = new Map([["it", "IT <!channel>"], ["hr", "People"]]);
  assert.equal(deflectionsText({ it: 3 }, names), "3");
  assert.equal(
    deflectionsText({ hr: 1, it: 3 }, names),
    "IT &lt;!channel&gt;: 3\nPeople: 1",
  );
  const blocks = reportBlocks(
    { ...EMPTY, deflections: { it: 2 } },
    "Helpdesk report",
    new Map(),
    names,
  );
  assert.match(JSON.stringify(blocks), /Solved by a suggestion/);
  assert.doesNotMatch(
    JSON.stringify(reportBlocks(EMPTY, "Helpdesk report")),
    /Solved by a suggestion/,
  );
});
