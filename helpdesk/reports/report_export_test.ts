// The export's cells and its range of dates, as plain data.
import assert from "node:assert/strict";
import {
  checkRange,
  csvCell,
  exportCsv,
  inExportRange,
} from "./report_export.ts";

Deno.test("a cell a spreadsheet would run is shown as text", async (t) => {
  for (const lead of ["=", "+", "-", "@", "\t", "\r"]) {
    await t.step(JSON.stringify(lead), () => {
      const cell = csvCell(`${lead}SUM(A1:A9)`);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1) : cell;
      assert.equal(unquoted, `'${lead}SUM(A1:A9)`);
    });
  }
  await t.step("quotes, commas and line breaks are quoted (RFC 4180)", () => {
    assert.equal(csvCell('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
    assert.equal(csvCell("plain words"), "plain words");
    assert.equal(csvCell(""), "");
    // Only the start counts: a minus inside is a plain character.
    assert.equal(csvCell("in-progress"), "in-progress");
  });
});

Deno.test("each row names its ticket, its summary never a formula", async (t) => {
  const period = { from: 1000, to: 2000 };
  const row = (summary: string, more = {}) => {
    const { csv } = exportCsv(
      [{
        id: "T1",
        key: "HD-1",
        summary,
        status: "new",
        priority: "low",
        created_at: 1200,
        ...more,
      }],
      period,
      2000,
      new Map(),
    );
    return csv.split("\r\n").slice(1).join("\r\n");
  };
  await t.step("key and summary follow the id", () => {
    assert.match(row("Printer jams"), /^T1,HD-1,Printer jams,default,/);
  });
  for (const lead of ["=", "+", "-", "@", "\t", "\r"]) {
    await t.step(`a summary starting with ${JSON.stringify(lead)}`, () => {
      const line = row(`${lead}cmd|' /C calc'!A0`);
      const cell = line.slice("T1,HD-1,".length);
      assert.ok(
        cell.startsWith(`'${lead}`) || cell.startsWith(`"'${lead}`),
        JSON.stringify(cell),
      );
    });
  }
  await t.step("a private request's words are left out", () => {
    assert.match(row("Salary question", { private: true }), /^T1,HD-1,,/);
  });
});

Deno.test("the range of dates", async (t) => {
  const now = Date.parse("2027-01-15T08:00:00Z") / 1000;
  await t.step("both days are included, today up to now", () => {
    const range = checkRange("2027-01-10", "2027-01-15", now);
    assert.deepEqual(range, {
      ok: true,
      period: { from: Date.parse("2027-01-10T00:00:00Z") / 1000, to: now + 1 },
      days: 6,
    });
    // A ticket opened in the very second the export is asked for is in it.
    assert.ok(
      range.ok &&
        inExportRange(
          { status: "new", priority: "normal", created_at: now },
          range.period,
        ),
    );
  });
  await t.step("90 days back at most, today at the latest", () => {
    assert.ok(checkRange("2026-10-18", "2026-10-18", now).ok);
    const early = checkRange("2026-10-17", "2027-01-01", now);
    assert.match(
      early.ok ? "" : early.problems.from!,
      /start on 2026-10-18 or later/,
    );
    const late = checkRange("2027-01-01", "2027-01-16", now);
    assert.match(late.ok ? "" : late.problems.to!, /today \(2027-01-15\)/);
  });
  await t.step("what is no date is said under it", () => {
    for (const bad of ["", "2027-02-30", "15/01/2027", "2027-1-5"]) {
      const checked = checkRange(bad, "2027-01-15", now);
      assert.equal(checked.ok, false, bad);
    }
  });
  await t.step("a ticket belongs when something happened in it", () => {
    const period = { from: 1000, to: 2000 };
    const t0 = { status: "closed" as const, priority: "normal" as const };
    assert.ok(
      inExportRange({ ...t0, created_at: 500, resolved_at: 1500 }, period),
    );
    assert.ok(
      !inExportRange({ ...t0, created_at: 500, resolved_at: 2500 }, period),
    );
    // Still open, opened before the end: part of the range's work.
    assert.ok(inExportRange({ ...t0, status: "new", created_at: 500 }, period));
    assert.ok(
      !inExportRange({ ...t0, status: "new", created_at: 2500 }, period),
    );
  });
  await t.step("rows are oldest first, with a header", () => {
    const { csv, rows } = exportCsv(
      [
        { id: "B", status: "new", priority: "high", created_at: 1500 },
        { id: "A", status: "new", priority: "low", created_at: 1200 },
      ],
      { from: 1000, to: 2000 },
      2000,
      new Map(),
    );
    assert.equal(rows, 2);
    const lines = csv.split("\r\n");
    assert.match(lines[0], /^ticket_id,key,summary,queue_id,queue,status/);
    assert.match(lines[1], /^A,,,default,,new,low,1970-01-01T00:20:00Z,/);
    assert.match(lines[2], /^B,/);
    assert.equal(lines.at(-1), "");
  });
});
