// Failures and slow answers a test stages for the fake JSM, matched by
// method and path (without any /ex/jira/{cloudId} prefix).

export interface InjectedJsmFailure {
  status: number;
  /** Seconds, or an HTTP date; sent as the Retry-After header. */
  retryAfter?: number | string;
  /** Replaces the default servicedeskapi error body. */
  body?: unknown;
  /** 1 by default; Infinity for every matching call. */
  times?: number;
  /**
   * The call is carried out first and only its answer is the failure: a
   * 5xx or a gateway timeout after the write landed, so the caller can't
   * tell that it did.
   */
  afterEffect?: boolean;
  method?: string;
}

/** Exact path, a prefix when it ends in "*", or a RegExp. */
export type PathPattern = string | RegExp;

type Staged = { pattern: PathPattern; method?: string };

/**
 * A rate limit as Jira Cloud applies it (developer.atlassian.com/cloud/jira/
 * platform/rate-limiting, quoted in jira.atlassian.com JRACLOUD-69262): a
 * 429 whose Retry-After says how many seconds to wait, X-RateLimit-Reset
 * when the limit resets (yyyy-MM-ddTHH:mmZ, the request's time plus that
 * wait) and RateLimit-Reason which limit it was ("jira-burst-based": one
 * endpoint and method, "build an app that respects rate limits"). A call
 * made again before the wait is over fails again, with the wait left.
 * Atlassian documents the headers, not a body: none is sent, so nothing
 * may depend on one.
 */
export interface JsmRateLimit {
  /** When the limit lets calls through again (the fake's epoch ms). */
  untilMs: number;
  reason: string;
}

export class Injections {
  #failures: (InjectedJsmFailure & Staged)[] = [];
  #slow: (Staged & { delayMs: number })[] = [];
  #limits: (Staged & JsmRateLimit)[] = [];

  rateLimit(pattern: PathPattern, limit: JsmRateLimit, method?: string) {
    this.#limits.push({ ...limit, pattern, method });
  }

  /** The limit a call made at `nowMs` runs into, if any. */
  limitFor(
    method: string,
    path: string,
    nowMs: number,
  ): JsmRateLimit | undefined {
    return this.#limits.find((l) =>
      l.untilMs > nowMs && applies(l, method, path)
    );
  }

  fail(pattern: PathPattern, failure: InjectedJsmFailure) {
    this.#failures.push({ times: 1, ...failure, pattern });
  }

  slowOnce(pattern: PathPattern, delayMs: number, method?: string) {
    this.#slow.push({ pattern, delayMs, method });
  }

  clear() {
    this.#failures.length = 0;
    this.#slow.length = 0;
    this.#limits.length = 0;
  }

  takeFailure(method: string, path: string): InjectedJsmFailure | undefined {
    const i = this.#failures.findIndex((f) => applies(f, method, path));
    if (i === -1) return undefined;
    const failure = this.#failures[i];
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.#failures.splice(i, 1);
    return failure;
  }

  takeSlow(method: string, path: string): number | undefined {
    const i = this.#slow.findIndex((s) => applies(s, method, path));
    return i === -1 ? undefined : this.#slow.splice(i, 1)[0].delayMs;
  }
}

export function matchesPath(pattern: PathPattern, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  return pattern.endsWith("*")
    ? path.startsWith(pattern.slice(0, -1))
    : path === pattern;
}

function applies(staged: Staged, method: string, path: string): boolean {
  return (!staged.method || staged.method === method) &&
    matchesPath(staged.pattern, path);
}
