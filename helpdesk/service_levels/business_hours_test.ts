import assert from "node:assert/strict";
import { at, H } from "../../dev/testing/calendars.ts";
import {
  businessWindow,
  formatBusinessHours,
  isTimeZone,
  parseBusinessHours,
} from "./business_hours.ts";

function parsed(text: string, zone = "Europe/Paris") {
  const result = parseBusinessHours(text, zone);
  if (!result.ok) assert.fail(result.problem);
  return result.value;
}

function problem(text: string, zone = "Europe/Paris") {
  const result = parseBusinessHours(text, zone);
  if (result.ok) assert.fail(`${text} was accepted`);
  return result.problem;
}

Deno.test("business hours are read the way people write them", async (t) => {
  await t.step("a plain working week", () => {
    assert.deepEqual(parsed("Mon-Fri 09:00-17:00"), {
      timeZone: "Europe/Paris",
      days: [1, 2, 3, 4, 5],
      start: 540,
      end: 1020,
    });
  });
  await t.step("lower case, one-digit hours and en dashes", () => {
    assert.deepEqual(parsed("mon–fri 9:00–17:30"), {
      timeZone: "Europe/Paris",
      days: [1, 2, 3, 4, 5],
      start: 540,
      end: 1050,
    });
    assert.deepEqual(
      parsed("  MON - FRI  9:00 — 17:30 "),
      parsed("Mon-Fri 9:00-17:30"),
    );
  });
  await t.step("lists, full names and longer abbreviations", () => {
    assert.deepEqual(parsed("Mon,Wed,Fri 08:30-18:00").days, [1, 3, 5]);
    assert.deepEqual(parsed("Tues, Thurs 08:30-18:00").days, [2, 4]);
    assert.deepEqual(parsed("Monday-Wednesday, Sat 10:00-14:00").days, [
      1,
      2,
      3,
      6,
    ]);
  });
  await t.step("ranges that wrap round the weekend", () => {
    assert.deepEqual(parsed("Sun-Thu 09:00-17:00").days, [1, 2, 3, 4, 7]);
    assert.deepEqual(parsed("Fri-Mon 09:00-17:00").days, [1, 5, 6, 7]);
  });
  await t.step("every day, all day", () => {
    const always = parsed("Mon-Sun 00:00-24:00");
    assert.deepEqual(always.days, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual([always.start, always.end], [0, 1440]);
  });
});

Deno.test("business hours are written back and read again unchanged", () => {
  const shown: [string, string][] = [
    ["Mon-Fri 09:00-17:00", "Mon–Fri 09:00–17:00 (Europe/Paris)"],
    ["Mon,Wed,Fri 08:30-18:00", "Mon, Wed, Fri 08:30–18:00 (Europe/Paris)"],
    ["Sun-Thu 07:45-16:15", "Sun–Thu 07:45–16:15 (Europe/Paris)"],
    ["Fri-Mon 9:00-17:00", "Fri–Mon 09:00–17:00 (Europe/Paris)"],
    ["Sun,Mon,Wed 9:00-17:00", "Sun, Mon, Wed 09:00–17:00 (Europe/Paris)"],
    ["Mon,Tue,Sat 9:00-17:00", "Mon, Tue, Sat 09:00–17:00 (Europe/Paris)"],
    ["Mon-Sun 00:00-24:00", "Mon–Sun 00:00–24:00 (Europe/Paris)"],
  ];
  for (const [text, expected] of shown) {
    const hours = parsed(text);
    assert.equal(formatBusinessHours(hours), expected);
    const again = parsed(expected.replace(/ \(Europe\/Paris\)$/, ""));
    assert.deepEqual(again, hours, expected);
  }
});

Deno.test("mistakes get one clear sentence with an example", () => {
  const cases: [string, string][] = [
    [
      "weekdays",
      '"weekdays" is not business hours: write the days then the times, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fru 09:00-17:00",
      '"Fru" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mo-Fr 09:00-17:00",
      '"Mo" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fri 17:00-09:00",
      'Business hours must end after they start on the same day, and 09:00 is not after 17:00: e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fri 09:00-09:00",
      'Business hours must end after they start on the same day, and 09:00 is not after 09:00: e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fri 09:00-25:00",
      '"25:00" is not a time: use 24-hour times from 00:00 to 24:00, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fri 9am-5pm",
      '"9am" is not a time: use 24-hour times from 00:00 to 24:00, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fri 09:60-17:00",
      '"09:60" is not a time: use 24-hour times from 00:00 to 24:00, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Fri 09:00-24:30",
      '"24:30" is not a time: use 24-hour times from 00:00 to 24:00, e.g. "Mon-Fri 09:00-17:00".',
    ],
    [
      "Mon-Wed-Fri 09:00-17:00",
      '"Mon-Wed-Fri" is not a range of days: give the first and last day, e.g. "Mon-Fri 09:00-17:00".',
    ],
  ];
  for (const [text, expected] of cases) assert.equal(problem(text), expected);
  assert.equal(
    problem("Mon-Fri 09:00-17:00", "Mars/Base"),
    '"Mars/Base" is not a time zone: use a name like "Europe/Paris" or "America/New_York".',
  );
  assert.equal(isTimeZone("Mars/Base"), false);
});

Deno.test("a day's business window follows the zone's clock changes", async (t) => {
  const always = (zone: string) => parsed("Mon-Sun 01:00-05:00", zone);
  const length = (window?: [number, number]) =>
    window ? window[1] - window[0] : 0;
  await t.step("a weekday window; none on a day off", () => {
    const office = parsed("Mon-Fri 09:00-17:00", "America/New_York");
    // Mon 23 Nov 2026, 09:00-17:00 EST = 14:00-22:00 UTC.
    assert.deepEqual(
      businessWindow({ year: 2026, month: 11, day: 23 }, office),
      [at("2026-11-23T14:00:00Z"), at("2026-11-23T22:00:00Z")],
    );
    assert.equal(
      businessWindow({ year: 2026, month: 11, day: 22 }, office),
      undefined,
    );
  });
  await t.step("Paris, 29 March: 01:00-05:00 on the wall is 3 hours", () => {
    const day = { year: 2026, month: 3, day: 29 };
    // 01:00 CET = 00:00 UTC; 05:00 CEST = 03:00 UTC.
    assert.deepEqual(businessWindow(day, always("Europe/Paris")), [
      at("2026-03-29T00:00:00Z"),
      at("2026-03-29T03:00:00Z"),
    ]);
  });
  await t.step("Paris, 25 October: the same wall hours are 5 hours", () => {
    const day = { year: 2026, month: 10, day: 25 };
    assert.equal(length(businessWindow(day, always("Europe/Paris"))), 5 * H);
  });
  await t.step("a window that opens inside the gap opens after it", () => {
    // 02:30 does not exist in Paris on 29 March: the window opens at 03:00
    // CEST (01:00 UTC) and closes at 04:00 CEST (02:00 UTC).
    const hours = parsed("Mon-Sun 02:30-04:00");
    assert.deepEqual(businessWindow({ year: 2026, month: 3, day: 29 }, hours), [
      at("2026-03-29T01:00:00Z"),
      at("2026-03-29T02:00:00Z"),
    ]);
  });
  await t.step("Auckland and New York change on other days", () => {
    const auckland = always("Pacific/Auckland");
    const newYork = always("America/New_York");
    // Auckland: 03:00 NZDT → 02:00 NZST on 5 April, 02:00 → 03:00 on 27 Sep.
    assert.equal(
      length(businessWindow({ year: 2026, month: 4, day: 5 }, auckland)),
      5 * H,
    );
    assert.equal(
      length(businessWindow({ year: 2026, month: 9, day: 27 }, auckland)),
      3 * H,
    );
    // New York: 8 March loses an hour, 1 November gains one.
    assert.equal(
      length(businessWindow({ year: 2026, month: 3, day: 8 }, newYork)),
      3 * H,
    );
    assert.equal(
      length(businessWindow({ year: 2026, month: 11, day: 1 }, newYork)),
      5 * H,
    );
  });
});
