// What one scheduled run may ask of Slack. Slack rate-limits each Web API
// method per app and workspace by tiers (calls per minute), and posting by
// channel; a run that goes over gets `ratelimited` and loses its turn. A
// scheduled run lasts seconds and runs four times an hour, so its calls per
// run are its calls per minute: it keeps each method to a share of its
// documented tier, leaving the rest to people clicking at the same moment,
// posts to one channel at most once a second, and stops at its deadline.
// A refused call fails like a rate limit (`run_budget_spent`), and the run
// leaves what is left to the next one.
//
// Tiers, from each method's page at https://docs.slack.dev/reference/methods/
// (Tier 2: 20+ per minute, Tier 3: 50+, Tier 4: 100+;
// https://docs.slack.dev/apis/web-api/rate-limits):
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { isRateLimit, type SlackArgs, SlackCallError } from "./slack_call.ts";

const TIER_2 = 20;
const TIER_3 = 50;
const TIER_4 = 100;

/** Calls per minute each method is documented to allow at least. */
export const DOCUMENTED_PER_MINUTE: Readonly<Record<string, number>> = {
  "apps.datastore.get": TIER_4,
  "apps.datastore.put": TIER_4,
  "apps.datastore.update": TIER_4,
  "apps.datastore.query": TIER_4,
  "apps.datastore.delete": TIER_4,
  "apps.datastore.bulkGet": TIER_3,
  "apps.datastore.bulkPut": TIER_3,
  "apps.datastore.bulkDelete": TIER_3,
  "apps.datastore.count": TIER_3,
  "chat.update": TIER_3,
  "chat.postEphemeral": TIER_4,
  "conversations.members": TIER_4,
  "conversations.info": TIER_3,
  "conversations.join": TIER_3,
  "usergroups.users.list": TIER_2,
  // A ticket's lock (slack/storage/ticket_lock.ts).
  "reactions.add": TIER_3,
  "reactions.remove": TIER_2,
  // Finding a card an interrupted opening posted.
  "conversations.history": TIER_3,
  // Reading a ticket's threads to purge or erase (retention, erasure).
  "conversations.replies": TIER_3,
  // chat.postMessage has a special limit: about one message a second per
  // channel, and "several hundred messages per minute" per workspace.
  "chat.postMessage": 300,
};

/** Methods without a documented tier get Tier 2's. */
const UNKNOWN_PER_MINUTE = TIER_2;

/** chat.postMessage: "1 message per second to a specific channel". */
export const CHANNEL_INTERVAL_MS = 1000;

export const BUDGET_SPENT = "run_budget_spent";

export interface CallBudgetOptions {
  /** Epoch ms (by `clock`) after which no call starts. */
  deadline: number;
  /** The share of each method's tier this run may use. */
  share: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Spacing of posts to one channel; tests shorten it. */
  channelIntervalMs?: number;
}

export class CallBudget {
  readonly #options: Required<CallBudgetOptions>;
  readonly #spent = new Map<string, number>();
  /** When the next post to each channel may go out. */
  readonly #channelFree = new Map<string, number>();

  constructor(options: CallBudgetOptions) {
    this.#options = {
      clock: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      channelIntervalMs: CHANNEL_INTERVAL_MS,
      ...options,
    };
  }

  /** Calls of the method this run may make in all. */
  limit(method: string): number {
    const perMinute = DOCUMENTED_PER_MINUTE[method] ?? UNKNOWN_PER_MINUTE;
    return Math.max(1, Math.floor(perMinute * this.#options.share));
  }

  spent(method: string): number {
    return this.#spent.get(method) ?? 0;
  }

  remaining(method: string): number {
    return Math.max(0, this.limit(method) - this.spent(method));
  }

  /** Milliseconds left before the deadline. */
  timeLeft(): number {
    return this.#options.deadline - this.#options.clock();
  }

  outOfTime(): boolean {
    return this.timeLeft() <= 0;
  }

  /** The client, with every call counted, paced and refused past limits. */
  wrap(client: SlackAPIClient): SlackAPIClient {
    return new Proxy(client, {
      get: (target, property, receiver) => {
        if (property !== "apiCall") {
          return Reflect.get(target, property, receiver);
        }
        return async (method: string, args: SlackArgs = {}) => {
          await this.#admit(method, args);
          return target.apiCall(method, args);
        };
      },
    });
  }

  async #admit(method: string, args: SlackArgs) {
    const refuse = (why: string) => {
      throw new SlackCallError(method, BUDGET_SPENT, {
        messages: [why],
        channel: typeof args.channel === "string" ? args.channel : undefined,
      });
    };
    if (this.outOfTime()) refuse("the run's time is up");
    if (this.remaining(method) <= 0) {
      refuse(`${this.limit(method)} calls are this run's share of its tier`);
    }
    this.#spent.set(method, this.spent(method) + 1);
    if (method !== "chat.postMessage" || typeof args.channel !== "string") {
      return;
    }
    // Posts to one channel go out a second apart; the wait is reserved
    // before sleeping, so parallel posts to a channel queue up in order.
    const { clock, channelIntervalMs, sleep } = this.#options;
    const at = Math.max(clock(), this.#channelFree.get(args.channel) ?? 0);
    if (at > this.#options.deadline) {
      this.#spent.set(method, this.spent(method) - 1);
      refuse(`no time left to post in ${args.channel} at one a second`);
    }
    this.#channelFree.set(args.channel, at + channelIntervalMs);
    const wait = at - clock();
    if (wait > 0) await sleep(wait);
  }
}

/** Slack or the run's own budget said: not now. The next run carries on. */
export function isCarryOver(error: unknown): boolean {
  return isRateLimit(error) ||
    (error instanceof SlackCallError && error.code === BUDGET_SPENT);
}
