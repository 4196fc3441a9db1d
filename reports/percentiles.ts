// Summary statistics for reports. The 90th percentile uses the nearest-rank
// method (the value at rank ceil(p/100 × n) of the sorted list): it is always
// a time some ticket really took, which is easy to explain to a team.

export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  }
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** The usual median: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
