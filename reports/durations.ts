// How reports write times and shares: short, at most two units, so a
// column of them can be compared at a glance.

export function formatElapsed(seconds: number | undefined): string {
  if (seconds === undefined) return "—";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return "under a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return `${hours}h ${String(mins).padStart(2, "0")}m`;
  return `${mins}m`;
}

export function formatPercent(percent: number | undefined): string {
  return percent === undefined ? "—" : `${Math.round(percent)}%`;
}
