// Random failures of the calls behind Helpdesk's reaction claims (the
// ticket lock, the intake and relay marks), for race tests that must hold
// under them. Switched on with `reactionFaults` (FakeSlackOptions, or
// `slack.reactionFaults = {...}` at any time; `undefined` switches it off):
// - chance: how likely each call of `methods` is to fail (0–1);
// - methods: reactions.add and reactions.remove unless told;
// - kinds: which failures, drawn evenly:
//   "ratelimited": HTTP 429 `ratelimited` with Retry-After, not carried out
//     (Slack's rate limit guide: the call is refused and may be retried after
//     Retry-After seconds, https://docs.slack.dev/apis/web-api/rate-limits);
//   "server error": HTTP 500, not carried out;
//   "server error, done": carried out, then answered HTTP 500, as a timeout
//     or a 5xx after the write looks to the caller.
// - retryAfterSeconds: the Retry-After of a 429 (1 unless told; Slack's are
//   whole seconds).

/** The failure a call gets, in the shape the server's fail() takes. */
export interface DrawnFault {
  method: string;
  status: number;
  error?: string;
  retryAfterSeconds?: number;
  afterEffect?: boolean;
}

export type FaultKind = "ratelimited" | "server error" | "server error, done";

export const FAULT_KINDS: readonly FaultKind[] = [
  "ratelimited",
  "server error",
  "server error, done",
];

export interface ReactionFaults {
  chance: number;
  methods?: readonly string[];
  kinds?: readonly FaultKind[];
  retryAfterSeconds?: number;
}

const DEFAULT_METHODS = ["reactions.add", "reactions.remove"];

export class ReactionFaultsInjector {
  faults?: ReactionFaults;
  readonly counts: Record<string, number> = {};

  constructor(faults?: ReactionFaults) {
    this.faults = faults;
  }

  /** A failure for this call, or none. */
  draw(method: string): DrawnFault | undefined {
    const faults = this.faults;
    if (!faults) return undefined;
    if (!(faults.methods ?? DEFAULT_METHODS).includes(method)) return undefined;
    if (Math.random() >= faults.chance) return undefined;
    const kinds = faults.kinds ?? FAULT_KINDS;
    const kind = kinds[Math.floor(Math.random() * kinds.length)];
    const key = `${method} ${kind}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    if (kind === "ratelimited") {
      return {
        method,
        status: 429,
        retryAfterSeconds: faults.retryAfterSeconds ?? 1,
      };
    }
    return {
      method,
      error: "internal_error",
      status: 500,
      afterEffect: kind === "server error, done",
    };
  }
}
