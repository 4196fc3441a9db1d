// Local wall time in an IANA time zone, both ways, using only Intl. Business
// hours are wall-clock hours, so every SLA computation goes through here,
// and it has to be right on the days the clocks change.

/** The zone Helpdesk counts in until an admin sets one. */
export const DEFAULT_TIME_ZONE = "UTC";

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalTime extends LocalDate {
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: number;
  /** Seconds after local midnight. */
  seconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall time at `instant` (Unix seconds) in `timeZone`. */
export function localTime(instant: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant * 1000)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const date = { year: parts.year, month: parts.month, day: parts.day };
  return {
    ...date,
    weekday: isoWeekday(date),
    seconds: parts.hour * 3600 + parts.minute * 60 + parts.second,
  };
}

/** Seconds the zone is ahead of UTC at `instant`. */
export function utcOffset(instant: number, timeZone: string): number {
  const whole = Math.floor(instant);
  const local = localTime(whole, timeZone);
  return civilSeconds(local) + local.seconds - whole;
}

/**
 * The instant a wall time happens in `timeZone`. When the clocks go back
 * the wall time happens twice and the earlier instant is taken. When they go
 * forward it doesn't happen at all, and the instant is the end of the gap:
 * the first instant whose wall time is at or after the one asked for, so a
 * business day that "starts at 02:30" on that day starts at 03:00.
 */
export function instantOf(
  date: LocalDate,
  secondsAfterMidnight: number,
  timeZone: string,
): number {
  const wall = civilSeconds(date) + secondsAfterMidnight;
  // Assumes no zone changes its offset twice within two days, so the
  // offsets a day either side are the only two that can apply.
  const before = utcOffset(wall - 86_400, timeZone);
  const after = utcOffset(wall + 86_400, timeZone);
  const matching = [wall - before, wall - after].filter((instant) =>
    instant + utcOffset(instant, timeZone) === wall
  );
  if (matching.length) return Math.min(...matching);
  return transitionBetween(wall - after, wall - before, timeZone);
}

/**
 * The first instant in (early, late] with a different offset from `early`.
 * Offsets change on whole seconds, so halving the interval finds it in
 * about a dozen steps for a one-hour gap.
 */
function transitionBetween(
  early: number,
  late: number,
  timeZone: string,
): number {
  const offset = utcOffset(early, timeZone);
  while (late - early > 1) {
    const middle = Math.floor((early + late) / 2);
    if (utcOffset(middle, timeZone) === offset) early = middle;
    else late = middle;
  }
  return late;
}

/** Whole days since 1970-01-01 for a calendar date, and back. */
export function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

export function dateOfDay(day: number): LocalDate {
  const d = new Date(day * 86_400_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  };
}

export function isoWeekday(date: LocalDate): number {
  return ((new Date(dayNumber(date) * 86_400_000).getUTCDay() + 6) % 7) + 1;
}

/**
 * The next time it is `weekday` (ISO) at `minutes` after midnight in the
 * zone, strictly after `now`: when a weekly schedule should start.
 */
export function nextWeeklyTime(
  now: number,
  timeZone: string,
  weekday: number,
  minutes: number,
): number {
  const today = dayNumber(localTime(now, timeZone));
  for (let day = today; day <= today + 7; day++) {
    const date = dateOfDay(day);
    if (isoWeekday(date) !== weekday) continue;
    const at = instantOf(date, minutes * 60, timeZone);
    if (at > now) return at;
  }
  return instantOf(dateOfDay(today + 14), minutes * 60, timeZone);
}

function civilSeconds(date: LocalDate): number {
  return dayNumber(date) * 86_400;
}
