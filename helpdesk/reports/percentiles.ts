// Summary statistics for reports.
//
// Percentiles use the nearest-rank method: for p in (0, 100] and n values,
// rank = ceil(p/100 × n) and the answer is the value at that rank (1-based)
// of the ascending list. Unlike interpolating methods it is always a time
// some ticket really took, which is easy to explain to a team ("9 in 10
// tickets got an answer within 4h"), and it needs no tie-breaking rules.
//
// The median, though, is the conventional one (the mean of the two middle
// values when n is even), because that is what people expect "median" to
// mean; nearest rank at 50 would give the lower middle value instead.

/** Nearest-rank percentile; undefined for no values. */
export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  checkPercent(p);
  return percentileOfSorted(sortedAscending(values), p);
}

/** The middle value, or the mean of the two middle values for even n. */
export function median(values: readonly number[]): number | undefined {
  return medianOfSorted(sortedAscending(values));
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * A numeric ascending copy. A Float64Array sorts numbers as numbers (a plain
 * array's default sort compares them as strings) and is quicker to sort
 * than an array with a comparator, which matters for 50,000 durations.
 */
export function sortedAscending(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** As percentile(), for values already sorted ascending (not checked). */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
): number | undefined {
  checkPercent(p);
  if (sorted.length === 0) return undefined;
  // max(1, …) because p/100 underflows to 0 for a vanishingly small p.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** As median(), for values already sorted ascending (not checked). */
export function medianOfSorted(sorted: ArrayLike<number>): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function checkPercent(p: number) {
  // Written as a negation so that NaN is refused too.
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`A percentile must be in (0, 100], not ${p}.`);
  }
}
