import assert from "node:assert/strict";
import {
  at,
  H,
  hours,
  newYorkOffice,
  parisOffice,
} from "../../dev/testing/calendars.ts";
import { deadlineAfter, workingSecondsBetween } from "./working_time.ts";

Deno.test("around the clock, every second counts except holds", () => {
  const start = at("2026-11-20T10:00:00Z");
  assert.equal(
    workingSecondsBetween(start, start + 5 * H, undefined, []),
    5 * H,
  );
  assert.equal(deadlineAfter(start, 4 * H, undefined, []), start + 4 * H);
  const holds = [{ start: start + H, end: start + 2 * H }];
  assert.equal(
    workingSecondsBetween(start, start + 5 * H, undefined, holds),
    4 * H,
  );
  assert.equal(deadlineAfter(start, 4 * H, undefined, holds), start + 5 * H);
  assert.equal(deadlineAfter(start, 0, undefined, holds), start);
});

Deno.test("business hours skip nights and weekends", async (t) => {
  await t.step("Fri 16:00 + 2 business hours = Mon 10:00 (Paris)", () => {
    const friday = at("2026-11-20T15:00:00Z"); // 16:00 CET
    assert.equal(
      deadlineAfter(friday, 2 * H, parisOffice, []),
      at("2026-11-23T09:00:00Z"), // Monday 10:00 CET
    );
  });
  await t.step("a week of business is 40 hours", () => {
    assert.equal(
      workingSecondsBetween(
        at("2026-11-16T00:00:00Z"),
        at("2026-11-23T00:00:00Z"),
        parisOffice,
        [],
      ),
      40 * H,
    );
  });
  await t.step("a ticket opened on Saturday starts counting on Monday", () => {
    assert.equal(
      deadlineAfter(at("2026-11-21T11:00:00Z"), 30 * 60, newYorkOffice, []),
      at("2026-11-23T14:30:00Z"), // Monday 09:30 EST
    );
  });
  await t.step("a half-hour zone (Kolkata)", () => {
    const kolkata = hours("Mon-Fri 09:30-18:00", "Asia/Kolkata");
    // Mon 23 Nov 17:00 IST = 11:30 UTC; 2h later in business time is Tue
    // 10:30 IST (1h on Monday, 1h on Tuesday) = 05:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-11-23T11:30:00Z"), 2 * H, kolkata, []),
      at("2026-11-24T05:00:00Z"),
    );
  });
  await t.step("days that wrap the weekend (Sun-Thu, Auckland)", () => {
    const office = hours("Sun-Thu 08:00-16:00", "Pacific/Auckland");
    // Thu 26 Nov 15:00 NZDT → 1h Thursday, then Sunday 08:00 + 1h = 09:00
    // NZDT on 29 Nov = 20:00 UTC on the 28th.
    assert.equal(
      deadlineAfter(at("2026-11-26T02:00:00Z"), 2 * H, office, []),
      at("2026-11-28T20:00:00Z"),
    );
  });
});

Deno.test("counted time over weekends, nights and long spans", async (t) => {
  await t.step("Fri 15:00 to Mon 11:00 is 2h + 2h", () => {
    assert.equal(
      workingSecondsBetween(
        at("2026-11-20T14:00:00Z"), // Fri 15:00 CET
        at("2026-11-23T10:00:00Z"), // Mon 11:00 CET
        parisOffice,
        [],
      ),
      4 * H,
    );
  });
  await t.step("nothing counts from Saturday to Sunday night", () => {
    assert.equal(
      workingSecondsBetween(
        at("2026-11-21T08:00:00Z"),
        at("2026-11-22T22:59:59Z"),
        parisOffice,
        [],
      ),
      0,
    );
  });
  await t.step("an end before the start counts nothing", () => {
    const monday = at("2026-11-23T10:00:00Z");
    assert.equal(workingSecondsBetween(monday, monday - H, undefined, []), 0);
    assert.equal(workingSecondsBetween(monday, monday - H, parisOffice, []), 0);
  });
  await t.step("all of 2026 in Paris: 261 weekdays of 8 hours", () => {
    // 2026 starts and ends on a Thursday: 52 weeks and one more weekday.
    // Both clock changes fall on Sundays and change nothing.
    assert.equal(
      workingSecondsBetween(
        at("2025-12-31T23:00:00Z"), // 1 Jan 00:00 CET
        at("2026-12-31T23:00:00Z"), // 1 Jan 2027 00:00 CET
        parisOffice,
        [],
      ),
      261 * 8 * H,
    );
  });
  await t.step("a deadline five business days out, over a weekend", () => {
    // Tue 24 Nov 2026 13:00 EST + 40h = Tue 1 Dec 13:00 EST = 18:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-11-24T18:00:00Z"), 40 * H, newYorkOffice, []),
      at("2026-12-01T18:00:00Z"),
    );
  });
  await t.step("a deadline that uses up a day ends at closing time", () => {
    // Mon 09:00 + 8h is Mon 17:00, the earliest instant with 8h counted,
    // not Tuesday 09:00.
    assert.equal(
      deadlineAfter(at("2026-11-23T08:00:00Z"), 8 * H, parisOffice, []),
      at("2026-11-23T16:00:00Z"),
    );
  });
  await t.step("hours with no working time at all are refused", () => {
    const message = /These business hours have no working time at all/;
    for (
      const broken of [
        { ...parisOffice, days: [] },
        { ...parisOffice, days: [0, 8] },
        { ...parisOffice, start: 600, end: 600 },
        { ...parisOffice, end: 1500 },
      ]
    ) {
      assert.throws(() => deadlineAfter(0, H, broken, []), message);
      assert.throws(() => workingSecondsBetween(0, H, broken, []), message);
    }
  });
});

Deno.test("holds stop the clock, overlapping or still open", async (t) => {
  const monday9 = at("2026-11-23T08:00:00Z"); // 09:00 CET
  await t.step("overlapping holds count once", () => {
    const holds = [
      { start: monday9 + H, end: monday9 + 3 * H },
      { start: monday9 + 2 * H, end: monday9 + 4 * H },
    ];
    // 8 business hours on Monday minus 3 held.
    assert.equal(
      workingSecondsBetween(monday9, monday9 + 8 * H, parisOffice, holds),
      5 * H,
    );
    assert.equal(
      deadlineAfter(monday9, 2 * H, parisOffice, holds),
      monday9 + 5 * H,
    );
  });
  await t.step("an open hold leaves the deadline unknown", () => {
    const holds = [{ start: monday9 + H }];
    assert.equal(deadlineAfter(monday9, 2 * H, parisOffice, holds), undefined);
    assert.equal(
      deadlineAfter(monday9, 30 * 60, parisOffice, holds),
      monday9 + 1800,
    );
    assert.equal(
      workingSecondsBetween(monday9, monday9 + 48 * H, parisOffice, holds),
      H,
    );
    assert.equal(deadlineAfter(monday9, 2 * H, undefined, holds), undefined);
  });
  await t.step("a hold over the weekend changes nothing", () => {
    // Fri 20 Nov 17:00 to Mon 23 Nov 09:00 CET: no business hours inside.
    const weekend = [{ start: monday9 - 64 * H, end: monday9 }];
    assert.equal(
      deadlineAfter(monday9 - 66 * H, 3 * H, parisOffice, weekend),
      monday9 + H, // Fri 15:00 + 2h on Friday + 1h on Monday
    );
  });
  await t.step("a hold that began before the start stops it at once", () => {
    const before = [{ start: monday9 - 24 * H }];
    assert.equal(deadlineAfter(monday9, 60, parisOffice, before), undefined);
    assert.equal(deadlineAfter(monday9, 60, undefined, before), undefined);
    assert.equal(
      workingSecondsBetween(monday9, monday9 + 99 * H, undefined, before),
      0,
    );
    // Zero seconds needs no clock at all.
    assert.equal(deadlineAfter(monday9, 0, parisOffice, before), monday9);
  });
  await t.step("a hold that ends before it starts is ignored", () => {
    const backwards = [{ start: monday9 + 2 * H, end: monday9 + H }];
    assert.equal(
      workingSecondsBetween(monday9, monday9 + 3 * H, parisOffice, backwards),
      3 * H,
    );
  });
  await t.step("holds nested, touching and out of order", () => {
    const holds = [
      { start: monday9 + 5 * H, end: monday9 + 6 * H },
      { start: monday9 + H, end: monday9 + 4 * H },
      { start: monday9 + 2 * H, end: monday9 + 3 * H },
      { start: monday9 + 4 * H, end: monday9 + 5 * H },
    ];
    // Held from 10:00 to 15:00: 1h before, 2h after on Monday.
    assert.equal(
      workingSecondsBetween(monday9, monday9 + 24 * H, parisOffice, holds),
      3 * H,
    );
    // 2h counted: 09:00-10:00, then 15:00-16:00.
    assert.equal(
      deadlineAfter(monday9, 2 * H, parisOffice, holds),
      monday9 + 7 * H,
    );
  });
  await t.step("a hold at night changes nothing", () => {
    const night = [{ start: monday9 - 10 * H, end: monday9 - 2 * H }];
    assert.equal(
      deadlineAfter(monday9 - 12 * H, 3 * H, parisOffice, night),
      monday9 + 3 * H,
    );
  });
});
