import assert from "node:assert/strict";
import { at, H } from "../../dev/testing/calendars.ts";
import {
  instantOf,
  isTimeZone,
  localTime,
  nextWeeklyTime,
  utcOffset,
} from "./zoned_time.ts";

Deno.test("time zones are recognised by name", () => {
  for (
    const zone of [
      "UTC",
      "Europe/Paris",
      "America/New_York",
      "Asia/Kolkata",
      "Pacific/Auckland",
    ]
  ) {
    assert.equal(isTimeZone(zone), true, zone);
  }
  for (const zone of ["Mars/Base", "", "  ", "Europe/Pariss"]) {
    assert.equal(isTimeZone(zone), false, zone);
  }
});

Deno.test("local time and offsets, with half-hour zones", () => {
  assert.deepEqual(localTime(at("2026-11-23T08:15:30Z"), "Asia/Kolkata"), {
    year: 2026,
    month: 11,
    day: 23,
    weekday: 1,
    seconds: 13 * H + 45 * 60 + 30, // 13:45:30, UTC+05:30
  });
  // Late on Sunday in UTC is already Monday morning in Auckland (UTC+13).
  assert.deepEqual(localTime(at("2026-11-22T20:00:00Z"), "Pacific/Auckland"), {
    year: 2026,
    month: 11,
    day: 23,
    weekday: 1,
    seconds: 9 * H,
  });
  // Midnight is 0 with hourCycle h23, never 24.
  assert.equal(localTime(at("2026-11-23T00:00:00Z"), "UTC").seconds, 0);
  assert.equal(utcOffset(at("2026-07-01T12:00:00Z"), "Europe/Paris"), 2 * H);
  assert.equal(utcOffset(at("2026-01-01T12:00:00Z"), "Europe/Paris"), H);
  assert.equal(utcOffset(at("2026-07-01T12:00:00Z"), "Asia/Kolkata"), 5.5 * H);
  assert.equal(
    utcOffset(at("2026-07-01T12:00:00Z"), "Pacific/Auckland"),
    12 * H,
  );
  assert.equal(
    utcOffset(at("2026-01-01T12:00:00Z"), "Pacific/Auckland"),
    13 * H,
  );
});

Deno.test("offsets change at the documented instants", () => {
  const cases: [string, string, number, number][] = [
    // Paris: 02:00 CET → 03:00 CEST; 03:00 CEST → 02:00 CET.
    ["Europe/Paris", "2026-03-29T01:00:00Z", H, 2 * H],
    ["Europe/Paris", "2026-10-25T01:00:00Z", 2 * H, H],
    // New York: 02:00 EST → 03:00 EDT; 02:00 EDT → 01:00 EST.
    ["America/New_York", "2026-03-08T07:00:00Z", -5 * H, -4 * H],
    ["America/New_York", "2026-11-01T06:00:00Z", -4 * H, -5 * H],
    // Auckland, southern hemisphere: back in April, forward in September.
    ["Pacific/Auckland", "2026-04-04T14:00:00Z", 13 * H, 12 * H],
    ["Pacific/Auckland", "2026-09-26T14:00:00Z", 12 * H, 13 * H],
  ];
  for (const [zone, change, before, after] of cases) {
    assert.equal(utcOffset(at(change) - 1, zone), before, `${zone} before`);
    assert.equal(utcOffset(at(change), zone), after, `${zone} after`);
  }
});

Deno.test("wall times become instants across daylight-saving changes", async (t) => {
  const paris = "Europe/Paris";
  const newYork = "America/New_York";
  await t.step("an ordinary day", () => {
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 27 }, 9 * H, paris),
      at("2026-03-27T08:00:00Z"),
    );
  });
  await t.step("the day after clocks go forward uses the summer offset", () => {
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 30 }, 9 * H, paris),
      at("2026-03-30T07:00:00Z"),
    );
  });
  await t.step("a wall time in the spring gap is the end of the gap", () => {
    // 02:30 doesn't exist in Paris on 29 March 2026: the first instant at
    // or after it on the wall is 03:00 CEST = 01:00 UTC.
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 29 }, 2.5 * H, paris),
      at("2026-03-29T01:00:00Z"),
    );
    // The same in New York on 8 March: 02:15 → 03:00 EDT = 07:00 UTC.
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 8 }, 2.25 * H, newYork),
      at("2026-03-08T07:00:00Z"),
    );
    // 03:00 itself exists, and is that same instant.
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 29 }, 3 * H, paris),
      at("2026-03-29T01:00:00Z"),
    );
  });
  await t.step("a wall time that happens twice in autumn is the first", () => {
    // 01:30 happens twice in New York on 1 November 2026 (EDT, then EST).
    assert.equal(
      instantOf({ year: 2026, month: 11, day: 1 }, 1.5 * H, newYork),
      at("2026-11-01T05:30:00Z"),
    );
    // 02:30 happens twice in Paris on 25 October (CEST, then CET).
    assert.equal(
      instantOf({ year: 2026, month: 10, day: 25 }, 2.5 * H, paris),
      at("2026-10-25T00:30:00Z"),
    );
    // 02:30 happens twice in Auckland on 5 April (NZDT, then NZST).
    assert.equal(
      instantOf({ year: 2026, month: 4, day: 5 }, 2.5 * H, "Pacific/Auckland"),
      at("2026-04-04T13:30:00Z"),
    );
  });
  await t.step(
    "midnight at the end of a day is the next day's midnight",
    () => {
      assert.equal(
        instantOf({ year: 2026, month: 3, day: 28 }, 24 * H, paris),
        at("2026-03-28T23:00:00Z"),
      );
    },
  );
});

Deno.test("wall time and instant agree both ways all year (property)", () => {
  // Every 7h13m through 2026 in each zone: reading the wall time of an
  // instant and converting it back gives the instant, except in the second
  // pass through an autumn hour, where the earlier instant is the answer.
  for (
    const zone of [
      "UTC",
      "Europe/Paris",
      "America/New_York",
      "Asia/Kolkata",
      "Pacific/Auckland",
    ]
  ) {
    for (
      let instant = at("2026-01-01T00:00:00Z");
      instant < at("2027-01-01T00:00:00Z");
      instant += 7 * H + 13 * 60
    ) {
      const local = localTime(instant, zone);
      const back = instantOf(local, local.seconds, zone);
      const repeated = utcOffset(instant - H, zone) > utcOffset(instant, zone);
      assert.equal(
        back,
        repeated ? instant - H : instant,
        `${zone} ${instant}`,
      );
    }
  }
});

Deno.test("the next Monday 09:00 in a zone", () => {
  // Sunday 22 Nov 2026, 12:00 UTC → Monday 23 Nov 09:00 Paris = 08:00 UTC.
  assert.equal(
    nextWeeklyTime(at("2026-11-22T12:00:00Z"), "Europe/Paris", 1, 540),
    at("2026-11-23T08:00:00Z"),
  );
  // Exactly then: the following week.
  assert.equal(
    nextWeeklyTime(at("2026-11-23T08:00:00Z"), "Europe/Paris", 1, 540),
    at("2026-11-30T08:00:00Z"),
  );
  // It is already Monday 01:00 in Auckland (UTC+13): 09:00 there is still
  // ahead, at 20:00 UTC on Sunday.
  assert.equal(
    nextWeeklyTime(at("2026-11-22T12:00:00Z"), "Pacific/Auckland", 1, 540),
    at("2026-11-22T20:00:00Z"),
  );
});
