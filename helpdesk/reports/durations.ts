// How reports write times and shares: short, at most two units, so a
// column of them can be compared at a glance.

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * "under a minute", "45m", "3h 05m", "2d 4h". Rounds down, so a time is
 * never shown as longer than it was (59m 59s is "59m", not "1h 00m"). From
 * an hour on there are always two units, so "1h 00m" lines up with "1h 30m".
 * A negative or non-finite time can only come from bad data: "—".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < MINUTE) return "under a minute";
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)}m`;
  if (seconds < DAY) {
    const minutes = Math.floor((seconds % HOUR) / MINUTE);
    return `${Math.floor(seconds / HOUR)}h ${
      String(minutes).padStart(2, "0")
    }m`;
  }
  return `${Math.floor(seconds / DAY)}d ${Math.floor((seconds % DAY) / HOUR)}h`;
}

/**
 * A whole percent, "—" when there is nothing to measure. Rounding alone
 * would print "100%" for 249 of 250 met and "0%" for 1 of 250: an SLA
 * report must not claim perfection or total failure that did not happen,
 * so those two are held at 99% and 1%.
 */
export function formatPercent(percent?: number): string {
  if (percent === undefined || !Number.isFinite(percent)) return "—";
  let whole = Math.round(percent);
  if (whole === 100 && percent < 100) whole = 99;
  if (whole === 0 && percent > 0) whole = 1;
  return `${whole}%`;
}
