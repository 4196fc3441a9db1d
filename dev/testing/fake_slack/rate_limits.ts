// Slack's per-method rate limits, for the fake Slack Web API: each method
// has a budget of calls a minute per app and workspace (its tier, on its
// page at https://docs.slack.dev/reference/methods/<method>; Tier 2: 20+ a
// minute, Tier 3: 50+, Tier 4: 100+,
// https://docs.slack.dev/apis/web-api/rate-limits). Past it Slack answers
// HTTP 429 `ratelimited` with Retry-After, the seconds until a call is
// allowed again. The fake uses the tiers' documented floor; Slack allows
// bursts above it, so the fake is stricter than Slack, as it should be.
import { DOCUMENTED_PER_MINUTE } from "../../../slack/api/call_budget.ts";
import { SlackError } from "./slack_error.ts";

/** The methods Helpdesk calls on interactive paths that the budget table of
 * scheduled runs does not list, with their tiers' floors. */
const INTERACTIVE_PER_MINUTE: Readonly<Record<string, number>> = {
  "views.open": 100, // Tier 4
  "views.update": 100, // Tier 4
  "views.push": 100, // Tier 4
  "conversations.replies": 50, // Tier 3
  "reactions.get": 50, // Tier 3
};

/** Every method the fake limits by tier, calls a minute. */
export const TIER_PER_MINUTE: Readonly<Record<string, number>> = {
  ...DOCUMENTED_PER_MINUTE,
  ...INTERACTIVE_PER_MINUTE,
};

export const TIER_NAMES: Readonly<Record<number, string>> = {
  20: "Tier 2",
  50: "Tier 3",
  100: "Tier 4",
  300: "chat.postMessage's own",
};

export class RateLimits {
  readonly #calls = new Map<string, number[]>();

  constructor(
    /** Calls a minute by method; methods not named are not limited. */
    readonly perMinute: Readonly<Record<string, number>>,
    /** The minute, shortened for benches that must not take minutes. */
    readonly windowMs = 60_000,
    private clock: () => number = () => performance.now(),
  ) {}

  /** Counts a call, or throws Slack's 429 when its minute's budget is spent. */
  take(method: string) {
    const budget = this.perMinute[method];
    if (budget === undefined) return;
    const now = this.clock();
    const recent = (this.#calls.get(method) ?? []).filter((at) =>
      now - at < this.windowMs
    );
    if (recent.length >= budget) {
      this.#calls.set(method, recent);
      const waitMs = recent[0] + this.windowMs - now;
      // Retry-After is in whole seconds, at least 1.
      throw new SlackError(
        "ratelimited",
        {},
        429,
        Math.max(1, Math.ceil(waitMs / 1000)),
      );
    }
    recent.push(now);
    this.#calls.set(method, recent);
  }
}
