// Holidays: local dates on which no business time counts, written by admins
// as dates and ranges ("2026-12-25 Christmas", "2026-12-24 to 2026-12-31
// Winter break"), for the whole desk and per queue. They are days of the
// business-hours calendar, so a holiday is a whole local day in that
// calendar's time zone, whatever the clocks do that day.
import { dateOfDay, dayNumber, type LocalDate } from "./zoned_time.ts";

/** More would be a second calendar, not holidays. */
export const MAX_HOLIDAYS = 366;
/** A shutdown of a few weeks is a holiday; a longer range is likely a typo. */
export const MAX_RANGE_DAYS = 62;

const EXAMPLE = 'e.g. "2026-12-25 Christmas" or "2026-12-24 to 2026-12-31"';

// A date (year-month-day), optionally "to" (or a dash) a second date, then
// an optional label. A literal: esbuild keeps a pattern built at load (new
// RegExp) in every bundle that imports this module, read or not.
const ENTRY =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(?:to|until|through|\.\.|[-\u2010-\u2015\u2212])\s*(\d{4})-(\d{1,2})-(\d{1,2}))?(?:\s+(.*))?$/i;

export type HolidaysCheck =
  | { ok: true; days: number[] }
  | { ok: false; problem: string };

/** What is wrong with a list of holidays, for holidayProblem to word. */
export type HolidaysFault =
  | { kind: "no_date"; entry: string }
  | { kind: "not_in_calendar"; raw: string }
  | { kind: "backwards"; entry: string }
  | { kind: "too_long"; entry: string; days: number }
  | { kind: "too_many" };

/**
 * Reads holidays: one date or range per line (commas or semicolons also
 * separate entries when a date follows), each optionally followed by a
 * label, which is only for the admin's eyes. Returns the day numbers
 * (zoned_time's dayNumber), sorted and without repeats.
 */
export function parseHolidays(text: string): HolidaysCheck {
  const read = readHolidays(text);
  return read.ok ? read : { ok: false, problem: holidaysProblem(read.fault) };
}

/**
 * parseHolidays without the words: what reads stored settings needs, so
 * that every function timing a ticket does not bundle the form's messages.
 */
export function readHolidays(
  text: string,
): { ok: true; days: number[] } | { ok: false; fault: HolidaysFault } {
  const days = new Set<number>();
  const entries = text.split(/\n|[,;](?=\s*\d{4}-)/).map((e) => e.trim())
    .filter(Boolean);
  const fault = (fault: HolidaysFault) => ({ ok: false as const, fault });
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) return fault({ kind: "no_date", entry });
    const first = calendarDay(match.slice(1, 4));
    const last = match[4] ? calendarDay(match.slice(4, 7)) : first;
    if (first === undefined || last === undefined) {
      const raw = first === undefined
        ? match.slice(1, 4).join("-")
        : match.slice(4, 7).join("-");
      return fault({ kind: "not_in_calendar", raw });
    }
    if (last < first) return fault({ kind: "backwards", entry });
    if (last - first + 1 > MAX_RANGE_DAYS) {
      return fault({ kind: "too_long", entry, days: last - first + 1 });
    }
    for (let day = first; day <= last; day++) days.add(day);
    if (days.size > MAX_HOLIDAYS) return fault({ kind: "too_many" });
  }
  return { ok: true, days: [...days].sort((a, b) => a - b) };
}

/** What the admin is told is wrong with the holidays they typed. */
export function holidaysProblem(fault: HolidaysFault): string {
  switch (fault.kind) {
    case "no_date":
      return `"${fault.entry}" does not start with a date: write each holiday as year-month-day, ${EXAMPLE}.`;
    case "not_in_calendar":
      return `"${fault.raw}" is not a date in the calendar, ${EXAMPLE}.`;
    case "backwards":
      return `"${fault.entry}": a range must end on or after the day it starts.`;
    case "too_long":
      return `"${fault.entry}" is ${fault.days} days: a range of holidays can be up to ${MAX_RANGE_DAYS} days.`;
    case "too_many":
      return `That is more than ${MAX_HOLIDAYS} holidays: keep the list to the coming year or so.`;
  }
}

/** Both lists as one, sorted, without repeats. */
export function mergeHolidays(
  a: readonly number[] | undefined,
  b: readonly number[] | undefined,
): number[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort((x, y) => x - y);
}

/** Whether a local date is one of the (sorted) holidays. */
export function isHoliday(
  date: LocalDate,
  holidays: readonly number[] | undefined,
): boolean {
  if (!holidays?.length) return false;
  const day = dayNumber(date);
  let low = 0;
  let high = holidays.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (holidays[middle] === day) return true;
    if (holidays[middle] < day) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** "2026-12-25", for messages that list holidays. */
export function isoDate(day: number): string {
  const { year, month, day: d } = dateOfDay(day);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${
    String(d).padStart(2, "0")
  }`;
}

/**
 * "3 holidays, the next on 2026-12-25": how a confirmation describes them,
 * counting from the local day `today`.
 */
export function describeHolidays(days: readonly number[], today: number) {
  if (days.length === 0) return "no holidays";
  const next = days.find((d) => d >= today);
  const count = `${days.length} ${days.length === 1 ? "holiday" : "holidays"}`;
  return next === undefined
    ? `${count}, all past`
    : `${count}, the next on ${isoDate(next)}`;
}

function calendarDay(parts: string[]): number | undefined {
  const [year, month, day] = parts.map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const number = dayNumber({ year, month, day });
  const back = dateOfDay(number);
  // 2026-02-30 would roll over into March: not a date.
  return back.month === month && back.day === day ? number : undefined;
}
