// Business hours as admins write them ("Mon-Fri 09:00-17:00") and the
// working windows they give each local day. A window never crosses midnight:
// a night shift is two lines of business, which Helpdesk doesn't offer yet.
import {
  dayNumber,
  instantOf,
  isoWeekday,
  isTimeZone,
  type LocalDate,
} from "./zoned_time.ts";

export { isTimeZone };

export interface BusinessHours {
  timeZone: string;
  /** ISO weekdays, 1 Monday to 7 Sunday, sorted, no repeats. */
  days: number[];
  /** Minutes after local midnight; `end` may be 1440 (midnight). */
  start: number;
  end: number;
}

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const EXAMPLE = 'e.g. "Mon-Fri 09:00-17:00"';

export type BusinessHoursCheck =
  | { ok: true; value: BusinessHours }
  | { ok: false; problem: string };

export function parseBusinessHours(
  text: string,
  timeZone: string,
): BusinessHoursCheck {
  if (!isTimeZone(timeZone)) {
    return { ok: false, problem: `"${timeZone}" is not a time zone.` };
  }
  // En and em dashes are what phones and word processors put in ranges.
  const cleaned = text.trim().toLowerCase().replace(/[–—]/g, "-");
  const match = /^([a-z,\s-]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/
    .exec(cleaned);
  if (!match) {
    return {
      ok: false,
      problem: `Write business hours as days then times, ${EXAMPLE}.`,
    };
  }
  const days = parseDays(match[1]);
  if (typeof days === "string") return { ok: false, problem: days };
  const start = parseClock(match[2]);
  const end = parseClock(match[3]);
  if (start === undefined || end === undefined) {
    return {
      ok: false,
      problem: `Times are 24-hour clock times from 00:00 to 24:00, ${EXAMPLE}.`,
    };
  }
  if (end <= start) {
    return {
      ok: false,
      problem: `Business hours must end after they start on the same day (${
        match[2]
      } to ${match[3]}).`,
    };
  }
  return { ok: true, value: { timeZone, days, start, end } };
}

export function formatBusinessHours(hours: BusinessHours): string {
  return `${formatDays(hours.days)} ${clock(hours.start)}–${
    clock(hours.end)
  } (${hours.timeZone})`;
}

/** The business window of one local day, as instants; none on days off. */
export function businessWindow(
  date: LocalDate,
  hours: BusinessHours,
): [number, number] | undefined {
  if (!hours.days.includes(isoWeekday(date))) return undefined;
  const key = `${hours.timeZone}|${
    dayNumber(date)
  }|${hours.start}|${hours.end}`;
  let window = windows.get(key);
  if (!window) {
    window = [
      instantOf(date, hours.start * 60, hours.timeZone),
      instantOf(date, hours.end * 60, hours.timeZone),
    ];
    // Sweeps ask for the same few days for every ticket: remember them.
    if (windows.size > 20_000) windows.clear();
    windows.set(key, window);
  }
  return window;
}

const windows = new Map<string, [number, number]>();

function parseDays(text: string): number[] | string {
  const days = new Set<number>();
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [from, to, extra] = part.split("-").map((d) => d.trim());
    if (extra !== undefined) return `"${part}" is not a range of days.`;
    const first = dayIndex(from);
    const last = to === undefined ? first : dayIndex(to);
    if (first === undefined || last === undefined) {
      return `"${
        first === undefined ? from : to
      }" is not a day. Use Mon, Tue, Wed, Thu, Fri, Sat or Sun.`;
    }
    // Ranges may wrap around the weekend, as in "Sun-Thu".
    for (let d = first;; d = (d % 7) + 1) {
      days.add(d);
      if (d === last) break;
    }
  }
  if (days.size === 0) return `Say which days, ${EXAMPLE}.`;
  return [...days].sort((a, b) => a - b);
}

function dayIndex(name: string): number | undefined {
  const index = DAY_NAMES.indexOf(name.slice(0, 3));
  const known = index >= 0 && (name.length === 3 ||
    [
      "monday",
      "tuesday",
      "wednesday",
      "thursday",
      "friday",
      "saturday",
      "sunday",
    ]
      .includes(name));
  return known ? index + 1 : undefined;
}

function parseClock(text: string): number | undefined {
  const [h, m] = text.split(":").map(Number);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

function formatDays(days: number[]): string {
  // Runs of consecutive days read better as ranges: Mon–Fri, Sat.
  const names = (d: number) =>
    DAY_NAMES[d - 1][0].toUpperCase() + DAY_NAMES[d - 1].slice(1);
  const runs: string[] = [];
  for (let i = 0; i < days.length;) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    runs.push(
      j - i >= 2
        ? `${names(days[i])}–${names(days[j])}`
        : days.slice(i, j + 1).map(names).join(", "),
    );
    i = j + 1;
  }
  return runs.join(", ");
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, "0")}:${
    String(minutes % 60).padStart(2, "0")
  }`;
}
