import assert from "node:assert/strict";
import { formatBusinessHours, parseBusinessHours } from "./business_hours.ts";

function parsed(text: string, zone = "Europe/Paris") {
  const result = parseBusinessHours(text, zone);
  if (!result.ok) assert.fail(result.problem);
  return result.value;
}

function problem(text: string, zone = "Europe/Paris") {
  const result = parseBusinessHours(text, zone);
  assert.equal(result.ok, false, text);
  return (result as { problem: string }).problem;
}

Deno.test("business hours are read the way people write them", () => {
  assert.deepEqual(parsed("Mon-Fri 09:00-17:00"), {
    timeZone: "Europe/Paris",
    days: [1, 2, 3, 4, 5],
    start: 540,
    end: 1020,
  });
  assert.deepEqual(parsed("mon–fri 9:00–17:30").end, 1050);
  assert.deepEqual(parsed("Mon,Wed,Fri 08:30-18:00").days, [1, 3, 5]);
  assert.deepEqual(parsed("Sun-Thu 09:00-17:00").days, [1, 2, 3, 4, 7]);
  assert.deepEqual(parsed("Monday-Sunday 00:00-24:00").days, [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
  ]);
});

Deno.test("business hours are written back and read again unchanged", () => {
  for (
    const text of [
      "Mon-Fri 09:00-17:00",
      "Mon,Wed,Fri 08:30-18:00",
      "Sun-Thu 07:45-16:15",
    ]
  ) {
    const hours = parsed(text);
    const shown = formatBusinessHours(hours);
    assert.deepEqual(parsed(shown.replace(/ \(.*\)$/, "")), hours, shown);
  }
  assert.equal(
    formatBusinessHours(parsed("Sun-Thu 09:00-17:00")),
    "Mon–Thu, Sun 09:00–17:00 (Europe/Paris)",
  );
});

Deno.test("mistakes get one clear sentence", () => {
  assert.equal(
    problem("weekdays"),
    'Write business hours as days then times, e.g. "Mon-Fri 09:00-17:00".',
  );
  assert.equal(
    problem("Mon-Fru 09:00-17:00"),
    '"fru" is not a day. Use Mon, Tue, Wed, Thu, Fri, Sat or Sun.',
  );
  assert.equal(
    problem("Mon-Fri 17:00-09:00"),
    "Business hours must end after they start on the same day (17:00 to 09:00).",
  );
  assert.equal(
    problem("Mon-Fri 09:00-25:00"),
    'Times are 24-hour clock times from 00:00 to 24:00, e.g. "Mon-Fri 09:00-17:00".',
  );
  assert.equal(
    problem("Mon-Fri 09:00-17:00", "Mars/Base"),
    '"Mars/Base" is not a time zone.',
  );
  assert.equal(
    problem("Mon-Wed-Fri 09:00-17:00"),
    '"mon-wed-fri" is not a range of days.',
  );
});
