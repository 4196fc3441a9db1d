import assert from "node:assert/strict";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { BUDGET_SPENT, CallBudget, isCarryOver } from "./call_budget.ts";
import { slackCall, SlackCallError } from "./slack_call.ts";

/** A virtual clock, and a client that records when each call went out. */
function setup(share = 0.6, deadlineMs = 10_000) {
  let now = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const sent: { method: string; channel?: unknown; at: number }[] = [];
  const budget = new CallBudget({
    deadline: deadlineMs,
    share,
    clock: () => now,
    sleep: (ms) => new Promise((wake) => timers.push({ at: now + ms, wake })),
  });
  /** Runs the work, moving the clock to each sleeper's time in turn. */
  const drive = async <T>(work: Promise<T>): Promise<T> => {
    let done = false;
    const result = work.finally(() => (done = true));
    while (!done) {
      await new Promise((r) => setTimeout(r, 0));
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next) {
        now = Math.max(now, next.at);
        next.wake();
      }
    }
    return await result;
  };
  const client = budget.wrap({
    apiCall: (method: string, args: Record<string, unknown>) => {
      sent.push({ method, channel: args.channel, at: now });
      return Promise.resolve({ ok: true });
    },
  } as unknown as SlackAPIClient);
  return {
    budget,
    client,
    sent,
    drive,
    advance: (ms: number) => (now += ms),
  };
}

Deno.test("a run keeps to its share of each method's documented tier", async () => {
  const { budget, client } = setup();
  assert.equal(budget.limit("apps.datastore.query"), 60); // Tier 4: 100+/min
  assert.equal(budget.limit("apps.datastore.bulkPut"), 30); // Tier 3: 50+/min
  assert.equal(budget.limit("usergroups.users.list"), 12); // Tier 2: 20+/min
  assert.equal(budget.limit("some.new.method"), 12, "unknown: Tier 2");
  for (let i = 0; i < 30; i++) {
    await slackCall(client, "apps.datastore.bulkPut", {});
  }
  const refused = await slackCall(client, "apps.datastore.bulkPut", {}).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(refused instanceof SlackCallError);
  assert.equal(refused.code, BUDGET_SPENT);
  assert.ok(isCarryOver(refused), "handled like a rate limit");
  // Other methods are counted apart.
  await slackCall(client, "apps.datastore.bulkGet", {});
});

Deno.test("posts to one channel go out a second apart; other channels don't wait", async () => {
  const { client, sent, drive } = setup();
  await drive(Promise.all([
    ...[1, 2, 3].map(() =>
      slackCall(client, "chat.postMessage", { channel: "C1" })
    ),
    slackCall(client, "chat.postMessage", { channel: "C2" }),
  ]));
  const times = (channel: string) =>
    sent.filter((s) => s.channel === channel).map((s) => s.at);
  const c1 = times("C1");
  assert.equal(c1.length, 3);
  for (let i = 1; i < c1.length; i++) assert.ok(c1[i] - c1[i - 1] >= 1000);
  assert.deepEqual(times("C2"), [0]);
});

Deno.test("nothing starts after the deadline, and a post that can't be paced in time is refused", async () => {
  const { client, sent, advance, drive } = setup(0.6, 2_500);
  for (let i = 0; i < 3; i++) {
    await drive(slackCall(client, "chat.postMessage", { channel: "C1" }));
  }
  // The next slot for C1 would be at 3,000 ms, past the 2,500 ms deadline.
  await assert.rejects(
    slackCall(client, "chat.postMessage", { channel: "C1" }),
    (e) => e instanceof SlackCallError && e.code === BUDGET_SPENT,
  );
  advance(1_000);
  await assert.rejects(slackCall(client, "apps.datastore.get", {}));
  assert.equal(sent.length, 3);
});
