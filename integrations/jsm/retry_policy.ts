// When to try a JSM call again, and how long to wait. Pure: the clock, sleep
// and randomness are passed in, so tests run a fake clock.
//
// Atlassian's rate-limiting page (developer.atlassian.com/cloud/jira/platform/
// rate-limiting) says 429s may carry Retry-After in seconds, that retrying
// before it expires fails again with the same or a longer wait, and that some
// transient 5xx (e.g. 503) carry it too. Other waits use capped exponential
// backoff with full jitter, so many functions retrying at once spread out.
//
// A Slack function has a few seconds before its caller gives up, so every
// call has a deadline: when the next wait would run past it, or JSM asks for
// a longer wait than we will ever sleep, we stop with `gave_up` (carrying the
// last status and Retry-After) and the caller marks the ticket pending.
import { JsmError } from "./jsm_errors.ts";

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 2_000;
/** The longest Retry-After we sleep through; longer ones give up at once. */
export const RETRY_AFTER_CAP_MS = 4_000;
export const DEFAULT_DEADLINE_MS = 8_000;
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP date. */
export function parseRetryAfterMs(
  header: string | null,
  nowMs: number,
): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry).
 * Retry-After wins, capped; otherwise a uniform draw in [0, ceiling) where the
 * ceiling doubles from BACKOFF_BASE_MS up to BACKOFF_CAP_MS.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterHeader: string | null,
  random: () => number,
  nowMs: number = Date.now(),
): number {
  const asked = parseRetryAfterMs(retryAfterHeader, nowMs);
  if (asked !== undefined) return Math.min(asked, RETRY_AFTER_CAP_MS);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** 429, 502-504 and failures to get any answer; never other 4xx. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof JsmError)) return false;
  if (error.code === "network" || error.code === "timeout") return true;
  return error.status === 429 || error.status === 502 ||
    error.status === 503 || error.status === 504;
}

/** For writes: a 429 is the one failure that surely changed nothing. */
export function isRateLimited(error: unknown): boolean {
  return error instanceof JsmError && error.status === 429;
}

export interface RetryOptions {
  deadlineMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxAttempts?: number;
  /** Narrows what is retried, e.g. a create that must not be resent. */
  retryable?: (error: unknown) => boolean;
}

export interface Attempt {
  /** 0 for the first try. */
  attempt: number;
  /** Time left before the deadline, to bound this attempt's timeout. */
  remainingMs: number;
}

export async function withRetries<T>(
  fn: (attempt: Attempt) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const deadline = options.now() + options.deadlineMs;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const retryable = options.retryable ?? isRetryable;
  for (let attempt = 0;; attempt++) {
    try {
      return await fn({ attempt, remainingMs: deadline - options.now() });
    } catch (error) {
      if (!retryable(error)) throw error;
      const last = error as JsmError;
      const now = options.now();
      const retryAfterHeader = last.retryAfterSeconds === undefined
        ? null
        : String(last.retryAfterSeconds);
      const asked = parseRetryAfterMs(retryAfterHeader, now);
      const wait = retryDelayMs(
        attempt,
        retryAfterHeader,
        options.random,
        now,
      );
      const tooLong = asked !== undefined && asked > RETRY_AFTER_CAP_MS;
      if (tooLong || attempt + 1 >= maxAttempts || now + wait >= deadline) {
        throw gaveUp(last, attempt + 1);
      }
      await options.sleep(wait);
    }
  }
}

function gaveUp(last: JsmError, attempts: number): JsmError {
  return new JsmError(
    "gave_up",
    `gave up after ${attempts} attempt${
      attempts === 1 ? "" : "s"
    }: ${last.message}`,
    {
      status: last.status,
      retryAfterSeconds: last.retryAfterSeconds,
      serverMessage: last.serverMessage,
      path: last.path,
      lastCode: last.code,
      attempts,
    },
    { cause: last },
  );
}
