// When a scheduled trigger runs: a start_time and, optionally, a frequency
// (hourly, daily or weekly, every `repeats_every` of them).

export interface Schedule {
  start_time: string;
  frequency?: { type: string; repeats_every?: number };
}

const PERIOD_MS: Record<string, number> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 604_800_000,
};

/** When a schedule runs next, given its last run; undefined: never again. */
export function nextRunAt(
  schedule: Schedule,
  lastRun?: number,
): number | undefined {
  const start = Date.parse(schedule.start_time);
  if (lastRun === undefined) return start;
  const period = PERIOD_MS[schedule.frequency?.type ?? ""];
  if (!period) return undefined; // a one-off that has run
  const every = period * (schedule.frequency?.repeats_every ?? 1);
  return start + (Math.floor((lastRun - start) / every) + 1) * every;
}
