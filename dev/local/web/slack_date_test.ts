// Slack's date tokens, as the local workspace page draws them: in the
// reader's time zone, relative to the reader's today.
import assert from "node:assert/strict";
// @ts-types="./slack_date.d.ts"
import { formatSlackDate } from "./slack_date.js";

// Tuesday 2026-11-24 14:34:56 UTC.
const TS = Date.UTC(2026, 10, 24, 14, 34, 56) / 1000;
const at = (iso: string) => Date.parse(iso);
const show = (format: string, now: string, timeZone = "UTC") =>
  formatSlackDate(String(TS), format, "FALLBACK", { now: at(now), timeZone });

Deno.test("each of Slack's date tokens", () => {
  const now = "2027-03-01T09:00:00Z";
  const expected: Record<string, string> = {
    "{date_num}": "2026-11-24",
    "{date_slash}": "24/11/2026",
    "{date_long}": "Tuesday, November 24th, 2026",
    "{date_long_full}": "November 24, 2026",
    "{date_long_pretty}": "Tuesday, November 24th, 2026",
    "{date}": "November 24",
    "{date_pretty}": "November 24",
    "{date_short}": "Nov 24, 2026",
    "{date_short_pretty}": "Nov 24, 2026",
    "{day_divider_pretty}": "Tuesday, November 24th, 2026",
    "{time}": "2:34 PM",
    "{time_secs}": "2:34:56 PM",
    "{ago}": "3 months ago",
  };
  for (const [format, text] of Object.entries(expected)) {
    assert.equal(show(format, now), text, format);
  }
});

Deno.test("today, yesterday and tomorrow, in the reader's time zone", () => {
  assert.equal(
    show("{date_short_pretty} at {time}", "2026-11-24T20:00:00Z"),
    "today at 2:34 PM",
  );
  assert.equal(show("{date_pretty}", "2026-11-25T08:00:00Z"), "yesterday");
  assert.equal(show("{date_long_pretty}", "2026-11-23T08:00:00Z"), "tomorrow");
  // One moment, two readers: 23:00 on the 24th in Los Angeles is 07:00 on
  // the 25th in UTC.
  const later = "2026-11-25T07:00:00Z";
  assert.equal(
    show("{date_short_pretty} at {time}", later, "America/Los_Angeles"),
    "today at 6:34 AM",
  );
  assert.equal(
    show("{date_short_pretty} at {time}", later),
    "yesterday at 2:34 PM",
  );
  assert.equal(show("{time}", later, "Asia/Tokyo"), "11:34 PM");
  assert.equal(
    show("{day_divider_pretty}", "2026-12-01T00:00:00Z"),
    "Tuesday, November 24th",
  );
  assert.equal(show("{ago}", "2026-11-24T14:37:56Z"), "3 minutes ago");
  assert.equal(show("{ago}", "2026-11-24T14:35:20Z"), "just now");
  assert.equal(show("{ago}", "2026-11-24T12:34:56Z"), "in 2 hours");
});

Deno.test("what cannot be read shows the fallback", () => {
  const opts = { now: at("2026-11-24T20:00:00Z"), timeZone: "UTC" };
  assert.equal(formatSlackDate("soon", "{date}", "FB", opts), "FB");
  assert.equal(formatSlackDate(String(TS), "{nonsense}", "FB", opts), "FB");
  assert.equal(
    formatSlackDate(String(TS), "{date}", "FB", { ...opts, timeZone: "Mars" }),
    "FB",
  );
  assert.equal(
    formatSlackDate(String(TS), "Due {date_num}!", "FB", opts),
    "Due 2026-11-24!",
  );
});
