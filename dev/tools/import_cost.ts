// What a kilobyte of own code costs at a cold start, from the cold start
// bench's measurements (cold_start_bench.ts): a straight line fitted to
// each function's import time against its own-code size. It answers what
// cutting a function to the 60 KB goal would save per cold start, next to
// what another workflow step would cost (a run of its own, which loads the
// SDK again before its first line).

export interface ImportSample {
  name: string;
  /** Own code in the bundle, in bytes. */
  bytes: number;
  /** The bundle's import, in milliseconds. */
  importMs: number;
}

export interface ImportCost {
  /** The import time of an empty bundle: what every run pays. */
  baseMs: number;
  /** Milliseconds per 1,024 bytes of own code. */
  msPerKb: number;
  /** How much of the spread in import times the line explains (0–1). */
  r2: number;
}

/** The least-squares line through the samples; needs two sizes at least. */
export function fitImportCost(samples: readonly ImportSample[]): ImportCost {
  const points = samples.map((s) => ({ x: s.bytes / 1024, y: s.importMs }));
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (!(sxx > 0)) {
    throw new Error("fitting needs functions of at least two sizes");
  }
  const msPerKb = sxy / sxx;
  return {
    baseMs: meanY - msPerKb * meanX,
    msPerKb,
    r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1,
  };
}

/**
 * Each function above `goalBytes`, with the import time the line says it
 * would save at that size, most first.
 */
export function savingsAtGoal(
  samples: readonly ImportSample[],
  cost: ImportCost,
  goalBytes: number,
): { name: string; savedMs: number }[] {
  return samples
    .filter((s) => s.bytes > goalBytes)
    .map((s) => ({
      name: s.name,
      savedMs: ((s.bytes - goalBytes) / 1024) * cost.msPerKb,
    }))
    .sort((a, b) => b.savedMs - a.savedMs);
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (!values.length) throw new Error("no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
