import assert from "node:assert/strict";
import {
  instantOf,
  isTimeZone,
  localTime,
  nextWeeklyTime,
  utcOffset,
} from "./zoned_time.ts";

const at = (iso: string) => Date.parse(iso) / 1000;

Deno.test("time zones are recognised by name", () => {
  for (
    const zone of ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"]
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
    seconds: 13 * 3600 + 45 * 60 + 30, // 13:45:30, UTC+05:30
  });
  assert.equal(utcOffset(at("2026-07-01T12:00:00Z"), "Europe/Paris"), 7200);
  assert.equal(utcOffset(at("2026-01-01T12:00:00Z"), "Europe/Paris"), 3600);
  assert.equal(
    utcOffset(at("2026-07-01T12:00:00Z"), "Pacific/Auckland"),
    43200,
  );
  assert.equal(
    utcOffset(at("2026-01-01T12:00:00Z"), "Pacific/Auckland"),
    46800,
  );
});

Deno.test("wall times become instants across daylight-saving changes", async (t) => {
  await t.step("an ordinary day", () => {
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 27 }, 9 * 3600, "Europe/Paris"),
      at("2026-03-27T08:00:00Z"),
    );
  });
  await t.step("the day after clocks go forward uses the summer offset", () => {
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 30 }, 9 * 3600, "Europe/Paris"),
      at("2026-03-30T07:00:00Z"),
    );
  });
  await t.step("a wall time in the spring gap moves forward by the gap", () => {
    // 02:30 doesn't exist in Paris on 29 March 2026: it reads as 03:30.
    assert.equal(
      instantOf({ year: 2026, month: 3, day: 29 }, 2.5 * 3600, "Europe/Paris"),
      at("2026-03-29T01:30:00Z"),
    );
  });
  await t.step("a wall time that happens twice in autumn is the first", () => {
    // 01:30 happens twice in New York on 1 November 2026 (EDT, then EST).
    assert.equal(
      instantOf(
        { year: 2026, month: 11, day: 1 },
        1.5 * 3600,
        "America/New_York",
      ),
      at("2026-11-01T05:30:00Z"),
    );
  });
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
