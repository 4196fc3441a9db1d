// Counted time: the seconds an SLA clock runs. A second counts when it is
// inside business hours (every second, without them) and outside every
// hold, the periods a ticket waited on its requester.
import { type BusinessHours, businessWindow } from "./business_hours.ts";
import { dateOfDay, dayNumber, localTime } from "./zoned_time.ts";

export interface Hold {
  start: number;
  /** Absent while the ticket still waits. */
  end?: number;
}

/** No business hours: the clock runs around the clock. */
export type Calendar = BusinessHours | undefined;

/**
 * A fortnight without a single business window cannot happen with hours
 * that passed `checkCalendar`, beyond the holidays themselves; it is a
 * guard against looping forever.
 */
const MAX_DAYS_WITHOUT_WORK = 14;

/** Counted seconds in [start, end). */
export function workingSecondsBetween(
  start: number,
  end: number,
  calendar: Calendar,
  holds: readonly Hold[],
): number {
  checkCalendar(calendar);
  let total = 0;
  for (const [from, to] of countedSegments(start, calendar, holds)) {
    if (from >= end) break;
    total += Math.min(to, end) - from;
  }
  return total;
}

/**
 * When `seconds` of counted time will have passed since `start`; undefined
 * while a hold that has not ended stops the clock first.
 */
export function deadlineAfter(
  start: number,
  seconds: number,
  calendar: Calendar,
  holds: readonly Hold[],
): number | undefined {
  checkCalendar(calendar);
  if (seconds <= 0) return start;
  let left = seconds;
  for (const [from, to] of countedSegments(start, calendar, holds)) {
    if (to - from >= left) return from + left;
    left -= to - from;
  }
  return undefined;
}

/** The counted stretches from `start` on, in order; ends at an open hold. */
function* countedSegments(
  start: number,
  calendar: Calendar,
  holds: readonly Hold[],
): Generator<[number, number]> {
  const paused = mergeHolds(holds);
  if (!calendar) {
    yield* withoutHolds(start, Infinity, paused);
    return;
  }
  const first = dayNumber(localTime(start, calendar.timeZone));
  const longestBreak = MAX_DAYS_WITHOUT_WORK + (calendar.holidays?.length ?? 0);
  let lastWorkDay = first;
  // Day by day in the calendar's zone: a day's window is within that local
  // day, so earlier days cannot count and a span of months is a few hundred
  // steps, each a cached lookup.
  for (let day = first;; day++) {
    const window = businessWindow(dateOfDay(day), calendar);
    if (window && window[1] > window[0]) lastWorkDay = day;
    else if (day - lastWorkDay > longestBreak) throw noWorkingTime();
    if (!window || window[1] <= start) continue;
    const from = Math.max(window[0], start);
    const openHold = paused.find(([, to]) => to === Infinity);
    if (openHold && openHold[0] <= from) return;
    yield* withoutHolds(from, window[1], paused);
  }
}

/**
 * Business hours come from parseBusinessHours, but a policy is plain data
 * and could be edited by hand: hours with no working time at all would send
 * a deadline search round forever, so they fail loudly instead.
 */
function checkCalendar(calendar: Calendar): void {
  if (!calendar) return;
  const { days, start, end, holidays = [] } = calendar;
  const validDays = days.length > 0 &&
    days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  const sortedHolidays = holidays.every((d, i) =>
    Number.isInteger(d) && (i === 0 || d > holidays[i - 1])
  );
  if (!sortedHolidays) {
    throw new Error("Holidays must be whole day numbers, sorted, once each.");
  }
  if (!validDays || !(start >= 0 && end > start && end <= 1440)) {
    throw noWorkingTime();
  }
}

function noWorkingTime(): Error {
  return new Error(
    "These business hours have no working time at all: they need at least one day from 1 (Monday) to 7 (Sunday) and an end after the start.",
  );
}

function* withoutHolds(
  from: number,
  to: number,
  holds: [number, number][],
): Generator<[number, number]> {
  let cursor = from;
  for (const [holdStart, holdEnd] of holds) {
    if (holdEnd <= cursor) continue;
    if (holdStart >= to) break;
    if (holdStart > cursor) yield [cursor, holdStart];
    cursor = Math.max(cursor, holdEnd);
    if (cursor >= to) return;
  }
  if (cursor < to) yield [cursor, to];
}

/** Sorted, overlapping holds joined, an open hold running to infinity. */
function mergeHolds(holds: readonly Hold[]): [number, number][] {
  const sorted = holds
    .map((h): [number, number] => [h.start, h.end ?? Infinity])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
