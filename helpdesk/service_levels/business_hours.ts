// Business hours as admins write them ("Mon-Fri 09:00-17:00") and the
// working windows they give each local day. A window never crosses midnight:
// a night shift is two lines of business, which Helpdesk doesn't offer yet.
// Holidays (holidays.ts) are days of the calendar with no window at all.
import { isHoliday } from "./holidays.ts";
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
  /**
   * Local dates (zoned_time's day numbers), sorted, on which no time
   * counts: the desk's holidays and those of the ticket's queue.
   */
  holidays?: readonly number[];
}

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const FULL_DAY_NAMES = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];
const EXAMPLE = 'e.g. "Mon-Fri 09:00-17:00"';

export type BusinessHoursCheck =
  | { ok: true; value: BusinessHours }
  | { ok: false; problem: string };

/** What is wrong with typed business hours, for hoursProblem to word. */
export type BusinessHoursFault =
  | { kind: "zone"; timeZone: string }
  | { kind: "shape"; text: string }
  | { kind: "day_range"; part: string }
  | { kind: "day"; name: string }
  | { kind: "no_days" }
  | { kind: "time"; raw: string }
  | { kind: "order"; start: string; end: string };

export function parseBusinessHours(
  text: string,
  timeZone: string,
): BusinessHoursCheck {
  const read = readBusinessHours(text, timeZone);
  return read.ok ? read : { ok: false, problem: hoursProblem(read.fault) };
}

/**
 * parseBusinessHours without the words: what reads stored settings needs,
 * so that every function timing a ticket does not bundle the form's
 * messages.
 */
export function readBusinessHours(
  text: string,
  timeZone: string,
):
  | { ok: true; value: BusinessHours }
  | { ok: false; fault: BusinessHoursFault } {
  const fault = (fault: BusinessHoursFault) => ({ ok: false as const, fault });
  if (!isTimeZone(timeZone)) return fault({ kind: "zone", timeZone });
  // En and em dashes and the minus sign are what phones and word processors
  // put in ranges; they all mean "to".
  const cleaned = text.trim().replace(/[\u2010-\u2015\u2212]/g, "-");
  const match = /^([a-z,\s-]+?)\s+(\S+?)\s*-\s*(\S+)$/i.exec(cleaned);
  if (!match) return fault({ kind: "shape", text: text.trim() });
  const days = parseDays(match[1]);
  if (!Array.isArray(days)) return fault(days);
  const start = parseClock(match[2]);
  const end = parseClock(match[3]);
  if (start === undefined || end === undefined) {
    return fault({
      kind: "time",
      raw: start === undefined ? match[2] : match[3],
    });
  }
  // A window never crosses midnight: see the comment at the top.
  if (end <= start) {
    return fault({ kind: "order", start: match[2], end: match[3] });
  }
  return { ok: true, value: { timeZone, days, start, end } };
}

/** What the admin is told is wrong with the business hours they typed. */
export function hoursProblem(fault: BusinessHoursFault): string {
  switch (fault.kind) {
    case "zone":
      return `"${fault.timeZone}" is not a time zone: use a name like "Europe/Paris" or "America/New_York".`;
    case "shape":
      return `"${fault.text}" is not business hours: write the days then the times, ${EXAMPLE}.`;
    case "day_range":
      return `"${fault.part}" is not a range of days: give the first and last day, ${EXAMPLE}.`;
    case "day":
      return `"${fault.name}" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun, ${EXAMPLE}.`;
    case "no_days":
      return `Say which days, ${EXAMPLE}.`;
    case "time":
      return `"${fault.raw}" is not a time: use 24-hour times from 00:00 to 24:00, ${EXAMPLE}.`;
    case "order":
      return `Business hours must end after they start on the same day, and ${fault.end} is not after ${fault.start}: ${EXAMPLE}.`;
  }
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
  if (isHoliday(date, hours.holidays)) return undefined;
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

function parseDays(text: string): number[] | BusinessHoursFault {
  const days = new Set<number>();
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [from, to, extra] = part.split("-").map((d) => d.trim());
    if (extra !== undefined) return { kind: "day_range", part };
    const first = dayIndex(from);
    const last = to === undefined ? first : dayIndex(to);
    if (first === undefined || last === undefined) {
      return { kind: "day", name: first === undefined ? from : to };
    }
    // Ranges may wrap around the weekend, as in "Sun-Thu".
    for (let d = first;; d = (d % 7) + 1) {
      days.add(d);
      if (d === last) break;
    }
  }
  if (days.size === 0) return { kind: "no_days" };
  return [...days].sort((a, b) => a - b);
}

/** ISO weekday of "Mon", "monday", "Tues", "Thurs"…: any 3+ letter start. */
function dayIndex(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = FULL_DAY_NAMES.findIndex((full) => full.startsWith(lower));
  return index >= 0 ? index + 1 : undefined;
}

function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

function formatDays(days: number[]): string {
  const has = (d: number) => days.includes(d);
  const previous = (d: number) => ((d + 5) % 7) + 1;
  const next = (d: number) => (d % 7) + 1;
  // A week that runs over the weekend ("Sun-Thu", "Fri-Mon") reads best from
  // its first day, so the list starts where the run through Sunday starts.
  let first = days[0];
  if (days.length < 7 && has(7) && has(1)) {
    first = 7;
    while (has(previous(first))) first = previous(first);
  }
  const ordered = [
    ...days.filter((d) => d >= first),
    ...days.filter((d) => d < first),
  ];
  // Runs of three or more days read better as ranges: Mon–Fri, Sat.
  const runs: string[] = [];
  for (let i = 0; i < ordered.length;) {
    let j = i;
    while (j + 1 < ordered.length && ordered[j + 1] === next(ordered[j])) j++;
    const run = ordered.slice(i, j + 1).map((d) => DAY_NAMES[d - 1]);
    runs.push(run.length >= 3 ? `${run[0]}–${run.at(-1)}` : run.join(", "));
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
