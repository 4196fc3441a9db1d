import assert from "node:assert/strict";
import { parseBusinessHours } from "./business_hours.ts";
import { deadlineAfter, workingSecondsBetween } from "./working_time.ts";

const at = (iso: string) => Date.parse(iso) / 1000;
const H = 3600;

function hours(text: string, zone: string) {
  const parsed = parseBusinessHours(text, zone);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

const parisOffice = hours("Mon-Fri 09:00-17:00", "Europe/Paris");
const newYorkOffice = hours("Mon-Fri 09:00-17:00", "America/New_York");

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

Deno.test("a business day keeps its hours when the clocks change", async (t) => {
  const days: [string, typeof parisOffice, string, string][] = [
    [
      "Paris, spring",
      parisOffice,
      "2026-03-27T00:00:00Z",
      "2026-03-31T00:00:00Z",
    ],
    [
      "Paris, autumn",
      parisOffice,
      "2026-10-23T00:00:00Z",
      "2026-10-27T00:00:00Z",
    ],
    [
      "New York, spring",
      newYorkOffice,
      "2026-03-06T05:00:00Z",
      "2026-03-10T04:00:00Z",
    ],
    [
      "New York, autumn",
      newYorkOffice,
      "2026-10-30T04:00:00Z",
      "2026-11-03T05:00:00Z",
    ],
  ];
  for (const [name, office, from, to] of days) {
    await t.step(`${name}: Friday and Monday around it are 16 hours`, () => {
      assert.equal(workingSecondsBetween(at(from), at(to), office, []), 16 * H);
    });
  }
  await t.step("Friday 16:00 + 2h lands at Monday 10:00 in summer time", () => {
    // Fri 27 Mar 16:00 CET = 15:00 UTC; Mon 30 Mar 10:00 CEST = 08:00 UTC.
    assert.equal(
      deadlineAfter(at("2026-03-27T15:00:00Z"), 2 * H, parisOffice, []),
      at("2026-03-30T08:00:00Z"),
    );
  });
  await t.step("around the clock, the short night is an hour shorter", () => {
    // 00:00 to 06:00 Paris on 29 March is 5 real hours.
    assert.equal(
      workingSecondsBetween(
        at("2026-03-28T23:00:00Z"),
        at("2026-03-29T04:00:00Z"),
        undefined,
        [],
      ),
      5 * H,
    );
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
  await t.step("a hold at night changes nothing", () => {
    const night = [{ start: monday9 - 10 * H, end: monday9 - 2 * H }];
    assert.equal(
      deadlineAfter(monday9 - 12 * H, 3 * H, parisOffice, night),
      monday9 + 3 * H,
    );
  });
});

Deno.test("deadline and counted time agree (property, several calendars)", () => {
  // A fixed linear congruential sequence: reproducible, no test flakiness.
  let seed = 42;
  const random = () =>
    (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const calendars = [
    undefined,
    parisOffice,
    newYorkOffice,
    hours("Mon,Wed,Fri 08:30-12:15", "Asia/Kolkata"),
    hours("Mon-Sun 00:00-24:00", "Pacific/Auckland"),
  ];
  for (let i = 0; i < 400; i++) {
    const calendar = calendars[i % calendars.length];
    const start = at("2026-01-01T00:00:00Z") +
      Math.floor(random() * 365 * 86_400);
    const seconds = Math.floor(random() * 50 * H) + 1;
    const holds = random() < 0.5
      ? [{
        start: start + Math.floor(random() * 20 * H),
        end: start + Math.floor(random() * 40 * H) + 20 * H,
      }]
      : [];
    const due = deadlineAfter(start, seconds, calendar, holds)!;
    assert.equal(
      workingSecondsBetween(start, due, calendar, holds),
      seconds,
      `case ${i}`,
    );
    assert.equal(
      workingSecondsBetween(start, due - 1, calendar, holds),
      seconds - 1,
      `case ${i} is the earliest`,
    );
  }
});
