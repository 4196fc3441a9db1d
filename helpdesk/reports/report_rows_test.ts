import assert from "node:assert/strict";
import {
  countedDays,
  daysOf,
  decodeRow,
  encodeRow,
  firstFiledDay,
  inReportQuery,
  newerNamedRow,
  PART_BUDGET,
  reportDaysOf,
  reportFromRows,
  type ReportRow,
  reportRowOf,
  splitIntoParts,
  utcDay,
  withoutText,
} from "./report_rows.ts";
import { computeReport } from "./ticket_report.ts";
import { D, H, NOW, ticket } from "../../dev/testing/report_fixtures.ts";

Deno.test("days are UTC days, and a report reads from its first day through today", () => {
  assert.equal(utcDay(NOW), "2027-01-15");
  assert.equal(utcDay(NOW - 8 * H - 1), "2027-01-14");
  const days = daysOf({ from: NOW - 7 * D, to: NOW });
  assert.deepEqual([days[0], days.at(-1), days.length], [
    "2027-01-08",
    "2027-01-15",
    8,
  ]);
  assert.equal(daysOf({ from: NOW - 30 * D, to: NOW }).length, 31);
  assert.equal(firstFiledDay(NOW), "2026-10-16");
});

Deno.test("a ticket's report days only grow, so a resolution undone leaves no stale row", () => {
  const resolved = { created_at: NOW - 5 * D, resolved_at: NOW - 2 * D };
  assert.deepEqual(countedDays(resolved), ["2027-01-10", "2027-01-13"]);
  // Reopened: no longer resolved, but its row in the 13th must be replaced.
  const reopened = { created_at: NOW - 5 * D, report_days: ["2027-01-13"] };
  assert.deepEqual(reportDaysOf(reopened), ["2027-01-10", "2027-01-13"]);
});

Deno.test("rows survive their JSON, and unreadable rows are refused", () => {
  const row = reportRowOf(
    {
      id: "T1",
      status: "resolved",
      priority: "high",
      created_at: NOW - D,
      first_response_at: NOW - D + 60,
      resolved_at: NOW - H,
      response_due_at: NOW - D + 3600,
      resolution_due_at: NOW,
      rating: 4,
      rated_at: NOW - 60,
      queue_id: "it",
      saved_reply_uses: [`r1@${NOW - H}`, `r2@${NOW - 60}`],
      key: "HD-7",
      summary: 'Printer "jams", again',
    },
    "rev1",
  );
  assert.deepEqual(decodeRow(encodeRow(row)), row);
  assert.deepEqual(row.saved_reply_uses, [`r1@${NOW - H}`, `r2@${NOW - 60}`]);
  assert.deepEqual([row.key, row.summary], ["HD-7", 'Printer "jams", again']);
  // Rows filed before keys and summaries, before deflections, or before
  // saved replies, still read.
  const before = (fields: number) =>
    JSON.stringify(JSON.parse(encodeRow(row)).slice(0, -fields));
  const { key: _key, summary: _summary, ...unnamed } = row;
  assert.deepEqual(decodeRow(before(2)), unnamed);
  assert.deepEqual(decodeRow(before(3)), unnamed);
  const { saved_reply_uses: _uses, ...withoutUses } = unnamed;
  assert.deepEqual(decodeRow(before(4)), withoutUses);
  assert.equal(decodeRow(before(5)), undefined);
  // A self-solved close is filed with its time; any other close is not.
  const closedAs = (close_reason: "self_solved" | "withdrawn") =>
    reportRowOf({
      id: "T3",
      status: "closed",
      priority: "normal",
      created_at: NOW - H,
      closed_at: NOW - 60,
      close_reason,
    }, "rev2");
  const selfSolved = closedAs("self_solved");
  assert.equal(selfSolved.self_solved_at, NOW - 60);
  assert.deepEqual(decodeRow(encodeRow(selfSolved)), selfSolved);
  assert.equal(closedAs("withdrawn").self_solved_at, undefined);
  const bare = reportRowOf({
    id: "T2",
    status: "new",
    priority: "low",
    created_at: NOW,
  }, "");
  assert.deepEqual(decodeRow(encodeRow(bare)), bare);
  for (
    const bad of [
      "",
      "{}",
      "[1,2]",
      '["T","r","open","low",null,1,null,null,null,null,null,null]',
    ]
  ) {
    assert.equal(decodeRow(bad), undefined, bad);
  }
});

Deno.test("a row names its ticket, never with a private request's words", () => {
  const source = {
    id: "T1",
    status: "new" as const,
    priority: "normal" as const,
    created_at: NOW,
    key: "HD-9",
    summary: "Salary question",
  };
  const open = reportRowOf(source, "r1");
  assert.equal(open.summary, "Salary question");
  const secret = reportRowOf({ ...source, private: true }, "r1");
  assert.equal(secret.key, "HD-9");
  assert.equal(secret.summary, undefined);
  // A purge keeps the figures and the key, not the words.
  assert.deepEqual(withoutText(open), secret);
});

Deno.test("a row without a key takes its ticket's name from an older one", () => {
  const filed: ReportRow = {
    id: "A",
    rev: "0001",
    key: "HD-1",
    summary: "Printer",
    ...ticket({}),
  };
  // An open work entry written before entries kept keys.
  const entry: ReportRow = { id: "A", rev: "0002", ...ticket({}) };
  assert.deepEqual(newerNamedRow(filed, entry), {
    ...entry,
    key: "HD-1",
    summary: "Printer",
  });
  assert.deepEqual(newerNamedRow(entry, filed), newerNamedRow(filed, entry));
  // Made private since: its newer row has a key and no words, and keeps none.
  const privateNow: ReportRow = { ...entry, key: "HD-1" };
  assert.deepEqual(newerNamedRow(filed, privateNow), privateNow);
});

Deno.test("a day too big for one item is split into parts under Slack's 400 KB", () => {
  const rows = Array.from({ length: 6000 }, (_, i) =>
    encodeRow(reportRowOf({
      id: `01TICKET${String(i).padStart(8, "0")}`,
      status: "closed",
      priority: "normal",
      created_at: NOW,
      resolved_at: NOW,
      queue_id: "a-queue-with-a-long-name-for-good-measure",
    }, "0mwxjqhh4.0037pw8")));
  const parts = splitIntoParts(rows);
  assert.ok(parts.length > 1);
  assert.deepEqual(parts.flat(), rows, "nothing lost or reordered");
  for (const part of parts) {
    const bytes = new TextEncoder().encode(JSON.stringify(part)).length;
    assert.ok(bytes <= PART_BUDGET && bytes < 400 * 1024, String(bytes));
  }
});

Deno.test("each ticket's newest row counts once, and only if the full query would find it", () => {
  const period = { from: NOW - 7 * D, to: NOW };
  const old: ReportRow = {
    id: "A",
    rev: "0001",
    ...ticket({
      status: "resolved",
      resolved_at: NOW - D,
      created_at: NOW - 20 * D,
    }),
  };
  // Reopened since, then closed without a resolution: its newest row no
  // longer counts a resolution in the week.
  const newer: ReportRow = {
    id: "A",
    rev: "0002",
    ...ticket({ status: "closed", created_at: NOW - 20 * D }),
  };
  const open: ReportRow = { id: "B", rev: "0001", ...ticket({}) };
  const report = reportFromRows([newer, old, open, open], period, NOW);
  assert.equal(report.resolved, 0);
  assert.equal(report.backlog.total, 1);
  assert.deepEqual(
    report,
    computeReport(
      [ticket({}), ticket({ status: "closed", created_at: NOW - 20 * D })]
        .filter((r) => inReportQuery(r, period.from)),
      period,
      NOW,
    ),
  );
  assert.equal(inReportQuery(newer, period.from), false);
  assert.equal(inReportQuery(open, period.from), true);
});
