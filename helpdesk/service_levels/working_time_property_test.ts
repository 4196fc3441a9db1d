// deadlineAfter and workingSecondsBetween checked against each other on
// random tickets: a deadline is exactly the time asked for, the earliest
// such instant, and its last counted second is a business second.
import assert from "node:assert/strict";
import { at, H, hours } from "../../dev/testing/calendars.ts";
import {
  type Calendar,
  deadlineAfter,
  type Hold,
  workingSecondsBetween,
} from "./working_time.ts";
import { localTime } from "./zoned_time.ts";
import { isHoliday, parseHolidays } from "./holidays.ts";

function withHolidays(calendar: Calendar, text: string): Calendar {
  const parsed = parseHolidays(text);
  if (!parsed.ok || !calendar) throw new Error(text);
  return { ...calendar, holidays: parsed.days };
}

/** mulberry32: a seeded generator, so a failure replays the same case. */
function randomFrom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const CALENDARS: Calendar[] = [
  undefined,
  hours("Mon-Fri 09:00-17:00", "UTC"),
  hours("Mon-Fri 09:00-17:00", "Europe/Paris"),
  hours("Mon-Fri 08:00-18:00", "America/New_York"),
  hours("Mon,Wed,Fri 08:30-12:15", "Asia/Kolkata"),
  hours("Sun-Thu 08:00-16:00", "Pacific/Auckland"),
  // Windows that close inside Paris's spring gap and autumn overlap, and
  // one that opens inside New York's spring gap.
  hours("Mon-Sun 01:00-02:30", "Europe/Paris"),
  hours("Mon-Sun 02:15-06:00", "America/New_York"),
  hours("Mon-Sun 00:00-24:00", "America/New_York"),
  // Holidays on and next to the clock changes, and a two-week shutdown.
  withHolidays(
    hours("Mon-Fri 09:00-17:00", "Europe/Paris"),
    "2026-03-27\n2026-03-30\n2026-10-26\n2026-12-14 to 2026-12-31",
  ),
  withHolidays(
    hours("Mon-Sun 02:15-06:00", "America/New_York"),
    "2026-03-08, 2026-11-01, 2026-07-04",
  ),
];

/** The 2026 clock changes in Paris, New York and Auckland. */
const CHANGES = [
  "2026-03-29T01:00:00Z",
  "2026-10-25T01:00:00Z",
  "2026-03-08T07:00:00Z",
  "2026-11-01T06:00:00Z",
  "2026-04-04T14:00:00Z",
  "2026-09-26T14:00:00Z",
].map(at);

function isBusinessSecond(instant: number, calendar: Calendar): boolean {
  if (!calendar) return true;
  const local = localTime(instant, calendar.timeZone);
  return calendar.days.includes(local.weekday) &&
    !isHoliday(local, calendar.holidays) &&
    local.seconds >= calendar.start * 60 && local.seconds < calendar.end * 60;
}

function isHeld(instant: number, holds: readonly Hold[]): boolean {
  return holds.some((h) => instant >= h.start && instant < (h.end ?? Infinity));
}

Deno.test("deadline and counted time agree (property, several calendars)", () => {
  const random = randomFrom(42);
  const within = (seconds: number) => Math.floor(random() * seconds);
  let unknown = 0;
  for (let i = 0; i < 800; i++) {
    const calendar = CALENDARS[i % CALENDARS.length];
    // Half start in the three days before a clock change, half anywhere in
    // 2026, so the changes are crossed often.
    const start = random() < 0.5
      ? CHANGES[within(CHANGES.length)] - within(3 * 86_400)
      : at("2026-01-01T00:00:00Z") + within(365 * 86_400);
    const seconds = within(60 * H) + 1;
    const holds: Hold[] = [];
    for (let n = within(4); n > 0; n--) {
      const from = start - 10 * H + within(100 * H);
      // One hold in ten is still going on.
      const open = random() < 0.1;
      holds.push(
        open ? { start: from } : { start: from, end: from + within(30 * H) },
      );
    }
    const label = `case ${i}: ${JSON.stringify({ start, seconds, holds })}`;
    const due = deadlineAfter(start, seconds, calendar, holds);
    if (due === undefined) {
      // Only an open hold may leave the deadline unknown, and only when it
      // stops the clock short of the target.
      unknown++;
      const open = holds.filter((h) => h.end === undefined);
      assert.ok(open.length > 0, label);
      const stop = Math.min(...open.map((h) => h.start));
      const far = stop + 400 * 86_400;
      assert.ok(
        workingSecondsBetween(start, far, calendar, holds) < seconds,
        label,
      );
      continue;
    }
    assert.equal(
      workingSecondsBetween(start, due, calendar, holds),
      seconds,
      label,
    );
    assert.equal(
      workingSecondsBetween(start, due - 1, calendar, holds),
      seconds - 1,
      `${label} is the earliest`,
    );
    // The last counted second is in business hours and outside holds: the
    // deadline lands in business hours or exactly at closing time.
    assert.ok(isBusinessSecond(due - 1, calendar), `${label} in hours`);
    assert.ok(!isHeld(due - 1, holds), `${label} not held`);
  }
  // The cases must exercise both outcomes, or the property says little.
  assert.ok(unknown > 10 && unknown < 400, `unknown deadlines: ${unknown}`);
});

Deno.test("counted time adds up over consecutive spans (property)", () => {
  const random = randomFrom(7);
  for (let i = 0; i < 200; i++) {
    const calendar = CALENDARS[i % CALENDARS.length];
    const a = at("2026-01-01T00:00:00Z") + Math.floor(random() * 360 * 86_400);
    const b = a + Math.floor(random() * 10 * 86_400);
    const c = b + Math.floor(random() * 10 * 86_400);
    const holds = [{ start: b - 5 * H, end: b + 5 * H }];
    assert.equal(
      workingSecondsBetween(a, b, calendar, holds) +
        workingSecondsBetween(b, c, calendar, holds),
      workingSecondsBetween(a, c, calendar, holds),
      `case ${i}`,
    );
  }
});

Deno.test("counted time matches a quarter-hour by quarter-hour count", () => {
  // An independent count: every boundary (business hours, holds, clock
  // changes, the span itself) falls on a quarter hour here, so a quarter
  // hour is counted whole or not at all, judged by its first second alone.
  // The Paris calendar that closes inside the autumn overlap is left out:
  // its window deliberately ends at the first 02:30, not the second.
  const QUARTER = 15 * 60;
  const calendars = CALENDARS.filter((c) => c?.start !== 60);
  const random = randomFrom(2026);
  const quarters = (n: number) => Math.floor(random() * n) * QUARTER;
  const cases: { calendar: Calendar; start: number; end: number }[] = [];
  // Every calendar over every clock change, from the day before to the day
  // after, then random spans of up to a week.
  for (const calendar of calendars) {
    for (const change of CHANGES) {
      cases.push({ calendar, start: change - 86_400, end: change + 86_400 });
    }
  }
  for (let i = 0; i < 120; i++) {
    const start = random() < 0.5
      ? CHANGES[Math.floor(random() * CHANGES.length)] - quarters(4 * 96)
      : at("2026-01-01T00:00:00Z") + quarters(365 * 96);
    const end = start + quarters(7 * 96);
    cases.push({ calendar: calendars[i % calendars.length], start, end });
  }
  for (const [i, { calendar, start, end }] of cases.entries()) {
    const holds: Hold[] = [{ start: start + quarters(96) }];
    if (random() < 0.8) holds[0].end = holds[0].start + quarters(3 * 96);
    let expected = 0;
    for (let q = start; q < end; q += QUARTER) {
      if (isBusinessSecond(q, calendar) && !isHeld(q, holds)) {
        expected += QUARTER;
      }
    }
    assert.equal(
      workingSecondsBetween(start, end, calendar, holds),
      expected,
      `case ${i}: ${JSON.stringify({ calendar, start, end, holds })}`,
    );
  }
});
