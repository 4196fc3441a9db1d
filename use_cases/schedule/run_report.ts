// What a scheduled run reports, and how its phases' parts add up to it.
// Each phase (scheduled_phases.ts) returns its own part; none writes
// another's, so the report is put together once, here.

export interface RunFailure {
  key: string;
  error: unknown;
}

export interface RunReport {
  /** Tickets looked at for their service levels. */
  examined: number;
  notices: number;
  summaries: number;
  followUps: number;
  /** Thread replies a summary promised, left for later runs. */
  owed: number;
  autoClosed: number;
  /** Openings finished, cards redrawn, kept messages sent. */
  repaired: number;
  /** Tickets whose report figures were filed. */
  filed: number;
  /** Entries removed from the open work index. */
  removed: number;
  /** Closed tickets purged after the retention period. */
  purged: number;
  /** Tickets a person's erasure worked on. */
  erased: number;
  /** Tickets the walk read. */
  walked: number;
  /** True until an existing install's tickets are all indexed. */
  indexing: boolean;
  /** Tickets whose JSM sync is due, longest waiting first. */
  jsmDue: string[];
  /** False when the budget or a rate limit left work for the next run. */
  finished: boolean;
  failures: RunFailure[];
}

/** One phase's share of the report: the fields it found out. */
export type RunPart = Partial<Omit<RunReport, "finished">>;

/**
 * What a phase of the run (scheduled_phases.ts, retention.ts) returns: its
 * part of the report, whether it left work for the next run (cutShort),
 * and the tickets it wrote, so that a later phase leaves those alone. A
 * phase that Slack or the run's budget stops half-way returns what it did
 * with `stopped`; the run ends there.
 */
export interface PhaseResult {
  part: RunPart;
  /** True when the phase left work for the next run. */
  cutShort: boolean;
  /** Tickets the phase wrote (later phases leave them alone). */
  wrote: string[];
  /** Set when Slack or the budget stopped the run in this phase. */
  stopped?: unknown;
}

const COUNTS = [
  "examined",
  "notices",
  "summaries",
  "followUps",
  "owed",
  "autoClosed",
  "repaired",
  "filed",
  "removed",
  "walked",
  "purged",
  "erased",
] as const;

/**
 * The report of the phases that ran, in their order. Counts add up (the
 * replies owed come from two phases), failures keep their order.
 */
export function combineParts(
  parts: readonly RunPart[],
  finished: boolean,
): RunReport {
  const counts = Object.fromEntries(
    COUNTS.map((field) => [
      field,
      parts.reduce((sum, part) => sum + (part[field] ?? 0), 0),
    ]),
  ) as Record<typeof COUNTS[number], number>;
  return {
    ...counts,
    indexing: parts.some((part) => part.indexing === true),
    jsmDue: parts.flatMap((part) => part.jsmDue ?? []),
    finished,
    failures: parts.flatMap((part) => part.failures ?? []),
  };
}
