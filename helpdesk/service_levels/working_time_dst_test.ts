// Counted time on the days the clocks change. Business hours are wall-clock
// hours, so a 09:00-17:00 day is 8 hours whatever the night before did, and
// only a calendar that covers the change itself sees a 23- or 25-hour day.
import assert from "node:assert/strict";
import {
  at,
  H,
  hours,
  newYorkOffice,
  parisOffice,
} from "../../dev/testing/calendars.ts";
import type { BusinessHours } from "./business_hours.ts";
import { deadlineAfter, workingSecondsBetween } from "./working_time.ts";

Deno.test("a business day keeps its hours when the clocks change", async (t) => {
  const spans: [string, BusinessHours, string, string][] = [
    // Fri 00:00 UTC to Tue 00:00 UTC covers Friday and Monday office hours.
    ["Paris, 29 March", parisOffice, "2026-03-27T00:00Z", "2026-03-31T00:00Z"],
    [
      "Paris, 25 October",
      parisOffice,
      "2026-10-23T00:00Z",
      "2026-10-27T00:00Z",
    ],
    [
      "New York, 8 March",
      newYorkOffice,
      "2026-03-06T05:00Z",
      "2026-03-10T04:00Z",
    ],
    [
      "New York, 1 November",
      newYorkOffice,
      "2026-10-30T04:00Z",
      "2026-11-03T05:00Z",
    ],
  ];
  for (const [name, office, from, to] of spans) {
    await t.step(`${name}: Friday and Monday around it are 16 hours`, () => {
      assert.equal(workingSecondsBetween(at(from), at(to), office, []), 16 * H);
    });
  }
  await t.step("Paris: Fri 16:00 + 2h = Mon 10:00, now in summer time", () => {
    // Fri 27 Mar 16:00 CET = 15:00 UTC; Mon 30 Mar 10:00 CEST = 08:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-03-27T15:00:00Z"), 2 * H, parisOffice, []),
      at("2026-03-30T08:00:00Z"),
    );
  });
  await t.step("Paris: Fri 16:00 + 2h = Mon 10:00, back in winter", () => {
    // Fri 23 Oct 16:00 CEST = 14:00 UTC; Mon 26 Oct 10:00 CET = 09:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-10-23T14:00:00Z"), 2 * H, parisOffice, []),
      at("2026-10-26T09:00:00Z"),
    );
  });
  await t.step("New York: Fri 16:00 + 2h = Mon 10:00 either way", () => {
    // Fri 6 Mar 16:00 EST = 21:00 UTC; Mon 9 Mar 10:00 EDT = 14:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-03-06T21:00:00Z"), 2 * H, newYorkOffice, []),
      at("2026-03-09T14:00:00Z"),
    );
    // Fri 30 Oct 16:00 EDT = 20:00 UTC; Mon 2 Nov 10:00 EST = 15:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-10-30T20:00:00Z"), 2 * H, newYorkOffice, []),
      at("2026-11-02T15:00:00Z"),
    );
  });
  await t.step("Auckland: a Sunday office on the day clocks go back", () => {
    const office = hours("Sun-Thu 08:00-16:00", "Pacific/Auckland");
    // Sat 4 Apr 00:00 NZDT (3 Apr 11:00 UTC) to Tue 7 Apr 00:00 NZST
    // (6 Apr 12:00 UTC): Sunday 5 April (a 25-hour day) and Monday, 8h each.
    assert.equal(
      workingSecondsBetween(
        at("2026-04-03T11:00:00Z"),
        at("2026-04-06T12:00:00Z"),
        office,
        [],
      ),
      16 * H,
    );
    // Sun 27 Sep (a 23-hour day) 15:00 NZDT + 2h = Mon 09:00 NZDT.
    assert.equal(
      deadlineAfter(at("2026-09-27T02:00:00Z"), 2 * H, office, []),
      at("2026-09-27T20:00:00Z"),
    );
  });
});

Deno.test("a calendar over the change itself counts real seconds", async (t) => {
  const paris24 = hours("Mon-Sun 00:00-24:00", "Europe/Paris");
  const newYorkNights = hours("Mon-Sun 00:00-06:00", "America/New_York");
  await t.step("Paris, 29 March: the whole day is 23 hours", () => {
    // 00:00 CET = 28 Mar 23:00 UTC; next midnight CEST = 29 Mar 22:00 UTC.
    const day = [at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")];
    assert.equal(workingSecondsBetween(day[0], day[1], paris24, []), 23 * H);
    assert.equal(workingSecondsBetween(day[0], day[1], undefined, []), 23 * H);
  });
  await t.step("Paris, 25 October: the whole day is 25 hours", () => {
    const day = [at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z")];
    assert.equal(workingSecondsBetween(day[0], day[1], paris24, []), 25 * H);
  });
  await t.step("New York nights: 00:00-06:00 is 5h, then 7h", () => {
    // 8 Mar: 00:00 EST = 05:00 UTC to 06:00 EDT = 10:00 UTC.
    assert.equal(
      workingSecondsBetween(
        at("2026-03-08T00:00:00Z"),
        at("2026-03-09T00:00:00Z"),
        newYorkNights,
        [],
      ),
      5 * H,
    );
    // 1 Nov: 00:00 EDT = 04:00 UTC to 06:00 EST = 11:00 UTC.
    assert.equal(
      workingSecondsBetween(
        at("2026-11-01T00:00:00Z"),
        at("2026-11-02T00:00:00Z"),
        newYorkNights,
        [],
      ),
      7 * H,
    );
  });
  await t.step("a deadline in the lost hour's night", () => {
    // 8 Mar, 01:30 EST (06:30 UTC) + 1h of nights: 01:30-02:00 EST, then
    // 03:00-03:30 EDT = 07:30 UTC, the wall clock having jumped an hour.
    assert.equal(
      deadlineAfter(at("2026-03-08T06:30:00Z"), H, newYorkNights, []),
      at("2026-03-08T07:30:00Z"),
    );
  });
});
