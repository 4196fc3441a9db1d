// Holidays: how admins write them, and the time they take out of the
// clocks, across time zones and the days the clocks change.
import assert from "node:assert/strict";
import { at, H, hours, parisOffice } from "../../dev/testing/calendars.ts";
import {
  describeHolidays,
  isHoliday,
  isoDate,
  MAX_RANGE_DAYS,
  mergeHolidays,
  parseHolidays,
} from "./holidays.ts";
import { deadlineAfter, workingSecondsBetween } from "./working_time.ts";
import { calendarFor, DEFAULT_SLA_POLICY } from "./sla_policy.ts";
import { dayNumber } from "./zoned_time.ts";

const day = (iso: string) => {
  const [year, month, d] = iso.split("-").map(Number);
  return dayNumber({ year, month, day: d });
};

function holidays(text: string): number[] {
  const parsed = parseHolidays(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.days;
}

Deno.test("holidays as admins write them", async (t) => {
  await t.step("dates and ranges, labels, any separator", () => {
    assert.deepEqual(
      holidays(
        "2026-12-25 Christmas Day\n2026-12-24 to 2026-12-26, 2027-1-1 New Year; 2026-12-31..2027-01-01",
      ).map(isoDate),
      ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31", "2027-01-01"],
    );
    // Dashes of every kind mean "to", and a label may hold commas.
    assert.deepEqual(
      holidays("2026-05-01 – 2026-05-03 Long weekend, with the bridge")
        .map(isoDate),
      ["2026-05-01", "2026-05-02", "2026-05-03"],
    );
    assert.deepEqual(holidays(""), []);
    assert.deepEqual(holidays("  \n\n "), []);
  });

  await t.step("mistakes are named", () => {
    const problem = (text: string) => {
      const parsed = parseHolidays(text);
      assert.equal(parsed.ok, false, text);
      return (parsed as { problem: string }).problem;
    };
    assert.match(
      problem("Christmas"),
      /"Christmas" does not start with a date/,
    );
    assert.match(problem("25/12/2026"), /does not start with a date/);
    assert.match(problem("2026-02-30"), /"2026-02-30" is not a date/);
    assert.match(problem("2026-13-01"), /"2026-13-01" is not a date/);
    assert.match(
      problem("2026-12-31 to 2026-12-01"),
      /must end on or after the day it starts/,
    );
    assert.match(
      problem("2026-01-01 to 2026-12-31"),
      new RegExp(
        `365 days: a range of holidays can be up to ${MAX_RANGE_DAYS}`,
      ),
    );
    const years = Array.from(
      { length: 7 },
      (_, i) => `${2026 + i}-01-01 to ${2026 + i}-02-28`,
    ).join("\n");
    assert.match(problem(years), /more than 366 holidays/);
  });

  await t.step("merging, finding and describing them", () => {
    const a = holidays("2026-12-25\n2026-12-26");
    const b = holidays("2026-12-26\n2026-12-24");
    assert.deepEqual(mergeHolidays(a, b).map(isoDate), [
      "2026-12-24",
      "2026-12-25",
      "2026-12-26",
    ]);
    assert.deepEqual(mergeHolidays(undefined, undefined), []);
    const merged = mergeHolidays(a, b);
    assert.ok(isHoliday({ year: 2026, month: 12, day: 24 }, merged));
    assert.ok(!isHoliday({ year: 2026, month: 12, day: 27 }, merged));
    assert.ok(!isHoliday({ year: 2026, month: 12, day: 25 }, undefined));
    assert.equal(
      describeHolidays(merged, day("2026-12-25")),
      "3 holidays, the next on 2026-12-25",
    );
    assert.equal(
      describeHolidays(merged, day("2027-01-01")),
      "3 holidays, all past",
    );
    assert.equal(describeHolidays([], 0), "no holidays");
  });
});

Deno.test("no time counts on a holiday", async (t) => {
  const office = hours("Mon-Fri 09:00-17:00", "UTC");
  const christmas = {
    ...office,
    holidays: holidays("2026-12-24 to 2026-12-25"),
  };

  await t.step("a week with two holidays is three business days", () => {
    const monday = at("2026-12-21T00:00:00Z");
    const saturday = at("2026-12-26T00:00:00Z");
    assert.equal(workingSecondsBetween(monday, saturday, office, []), 40 * H);
    assert.equal(
      workingSecondsBetween(monday, saturday, christmas, []),
      24 * H,
    );
  });

  await t.step("Wed 16:00 + 2h jumps the holidays to Mon 10:00", () => {
    const wednesday = at("2026-12-23T16:00:00Z");
    assert.equal(
      deadlineAfter(wednesday, 2 * H, office, []),
      at("2026-12-24T10:00:00Z"),
    );
    assert.equal(
      deadlineAfter(wednesday, 2 * H, christmas, []),
      at("2026-12-28T10:00:00Z"),
    );
  });

  await t.step("a holiday on a weekend changes nothing", () => {
    const weekend = { ...office, holidays: holidays("2026-12-26") };
    const from = at("2026-12-21T00:00:00Z");
    const to = at("2027-01-04T00:00:00Z");
    assert.equal(
      workingSecondsBetween(from, to, weekend, []),
      workingSecondsBetween(from, to, office, []),
    );
  });

  await t.step("a holiday is a local day of the calendar's zone", () => {
    // Auckland is 13 hours ahead in December: its Christmas Day is
    // 24 Dec 11:00 UTC to 25 Dec 11:00 UTC, and its 09:00-17:00 is
    // 20:00-04:00 UTC the evening before.
    const auckland = {
      ...hours("Mon-Fri 09:00-17:00", "Pacific/Auckland"),
      holidays: holidays("2026-12-25"),
    };
    const thursdayEvening = at("2026-12-23T20:00:00Z"); // Thu 24th 09:00
    assert.equal(
      workingSecondsBetween(
        thursdayEvening,
        at("2026-12-26T00:00:00Z"),
        auckland,
        [],
      ),
      8 * H,
      "Thursday counts, Friday the 25th does not",
    );
  });

  await t.step(
    "a holiday on the day the clocks change (Paris, Monday after)",
    () => {
      // Fri 27 Mar 16:00 CET + 2h is Mon 30 Mar 10:00 CEST; with Monday off,
      // Tue 31 Mar 10:00 CEST (08:00 UTC).
      const easterMonday = {
        ...parisOffice,
        holidays: holidays("2026-03-30"),
      };
      assert.equal(
        deadlineAfter(at("2026-03-27T15:00:00Z"), 2 * H, easterMonday, []),
        at("2026-03-31T08:00:00Z"),
      );
    },
  );

  await t.step("the change day itself off (New York, every day open)", () => {
    const everyDay = {
      ...hours("Mon-Sun 00:00-24:00", "America/New_York"),
      holidays: holidays("2026-03-08"),
    };
    // Sat 7 Mar 00:00 EST to Mon 9 Mar 00:00 EDT: the Saturday's 24 hours
    // only; Sunday, 23 hours long that year, is off.
    assert.equal(
      workingSecondsBetween(
        at("2026-03-07T05:00:00Z"),
        at("2026-03-09T04:00:00Z"),
        everyDay,
        [],
      ),
      24 * H,
    );
  });

  await t.step("a shutdown longer than a fortnight still finds work", () => {
    const shutdown = {
      ...office,
      holidays: holidays("2026-12-14 to 2027-01-03"),
    };
    assert.equal(
      deadlineAfter(at("2026-12-11T16:00:00Z"), 2 * H, shutdown, []),
      at("2027-01-04T10:00:00Z"),
    );
  });

  await t.step("holds and holidays together", () => {
    // Held all of Monday 21st; holidays 24th-25th: Tue, Wed are left.
    const held = [{
      start: at("2026-12-21T00:00:00Z"),
      end: at("2026-12-22T00:00:00Z"),
    }];
    assert.equal(
      workingSecondsBetween(
        at("2026-12-21T00:00:00Z"),
        at("2026-12-26T00:00:00Z"),
        christmas,
        held,
      ),
      16 * H,
    );
  });

  await t.step("hand-made holidays out of order fail loudly", () => {
    assert.throws(
      () =>
        workingSecondsBetween(
          0,
          1,
          { ...office, holidays: [20_000, 19_999] },
          [],
        ),
      /sorted/,
    );
  });
});

Deno.test("a queue's calendar is the desk's hours with both holiday lists", () => {
  const desk = holidays("2026-12-25");
  const people = holidays("2026-12-24");
  const policy = {
    ...DEFAULT_SLA_POLICY,
    businessHours: { ...hours("Mon-Fri 09:00-17:00", "UTC"), holidays: desk },
    queueHolidays: { "people-team": people },
  };
  assert.deepEqual(
    calendarFor(policy, "people-team")?.holidays?.map(isoDate),
    ["2026-12-24", "2026-12-25"],
  );
  assert.deepEqual(calendarFor(policy, "default")?.holidays?.map(isoDate), [
    "2026-12-25",
  ]);
  // Around the clock, holidays change nothing.
  assert.equal(
    calendarFor({ ...policy, businessHours: undefined }, "people-team"),
    undefined,
  );
});
