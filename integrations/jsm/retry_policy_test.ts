import assert from "node:assert/strict";
import { failureOf, fakeClock } from "../../dev/testing/jsm_fixtures.ts";
import { JsmError } from "./jsm_errors.ts";
import {
  BACKOFF_CAP_MS,
  parseRetryAfterMs,
  retryDelayMs,
  withRetries,
} from "./retry_policy.ts";

/** mulberry32: a small seeded generator, so jitter tests are repeatable. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const http = (status: number, retryAfterSeconds?: number) =>
  new JsmError(
    status === 429 ? "rate_limited" : "unavailable",
    `HTTP ${status}`,
    {
      status,
      retryAfterSeconds,
    },
  );

Deno.test("retryDelayMs", async (t) => {
  const NOW = Date.parse("2025-03-01T12:00:00Z");

  await t.step("honours Retry-After in seconds, capped at 4 s", () => {
    assert.equal(retryDelayMs(0, "2", Math.random, NOW), 2000);
    assert.equal(retryDelayMs(3, "0", Math.random, NOW), 0);
    assert.equal(retryDelayMs(0, "30", Math.random, NOW), 4000);
  });

  await t.step("honours Retry-After as an HTTP date", () => {
    const inThree = new Date(NOW + 3000).toUTCString();
    assert.equal(retryDelayMs(0, inThree, Math.random, NOW), 3000);
    const past = new Date(NOW - 60_000).toUTCString();
    assert.equal(retryDelayMs(0, past, Math.random, NOW), 0);
    assert.equal(
      parseRetryAfterMs("Wed, 21 Oct 2099 07:28:00 GMT", NOW)! > 0,
      true,
    );
  });

  await t.step("a garbled Retry-After falls back to backoff", () => {
    assert.equal(parseRetryAfterMs("soon", NOW), undefined);
    assert.equal(retryDelayMs(0, "soon", () => 0.5, NOW), 125);
  });

  await t.step(
    "full jitter stays under a doubling ceiling capped at 2 s",
    () => {
      const random = seededRandom(42);
      for (let attempt = 0; attempt < 10; attempt++) {
        const ceiling = Math.min(BACKOFF_CAP_MS, 250 * 2 ** attempt);
        const draws = Array.from(
          { length: 200 },
          () => retryDelayMs(attempt, null, random, NOW),
        );
        assert.ok(
          draws.every((d) => d >= 0 && d < ceiling),
          `attempt ${attempt}`,
        );
        // Spread over the range, not stuck at one end.
        assert.ok(Math.max(...draws) > ceiling * 0.8, `attempt ${attempt} max`);
        assert.ok(Math.min(...draws) < ceiling * 0.2, `attempt ${attempt} min`);
      }
      assert.equal(retryDelayMs(20, null, () => 0.999999, NOW), 1999);
    },
  );
});

Deno.test("withRetries", async (t) => {
  await t.step(
    "retries 429, 502-504 and network errors, then succeeds",
    async () => {
      for (const failure of [http(429, 1), http(502), http(503), http(504)]) {
        const clock = fakeClock();
        let calls = 0;
        const result = await withRetries(() => {
          calls++;
          if (calls < 3) throw failure;
          return Promise.resolve("ok");
        }, { deadlineMs: 8000, ...clock, random: () => 0.5 });
        assert.equal(result, "ok");
        assert.equal(calls, 3);
      }
      let calls = 0;
      await withRetries(() => {
        if (calls++ === 0) throw new JsmError("network", "reset");
        return Promise.resolve();
      }, { deadlineMs: 8000, ...fakeClock(), random: Math.random });
      assert.equal(calls, 2);
    },
  );

  await t.step("never retries other 4xx, nor 500", async () => {
    for (
      const [code, status] of [
        ["bad_request", 400],
        ["unauthorized", 401],
        ["forbidden", 403],
        ["not_found", 404],
        ["unavailable", 500],
      ] as const
    ) {
      let calls = 0;
      await assert.rejects(
        withRetries(() => {
          calls++;
          throw new JsmError(code, "no", { status });
        }, { deadlineMs: 8000, ...fakeClock(), random: Math.random }),
        (e: JsmError) => e.code === code,
      );
      assert.equal(calls, 1, `HTTP ${status}`);
    }
  });

  await t.step(
    "never sleeps past the deadline; gives up with the last status",
    async () => {
      const clock = fakeClock();
      const attemptsAt: number[] = [];
      const error = await failureOf(
        withRetries(() => {
          attemptsAt.push(clock.ms);
          clock.ms += 700; // each attempt takes a while to fail
          throw http(503);
        }, {
          deadlineMs: 8000,
          ...clock,
          random: () => 0.99,
          maxAttempts: 100,
        }),
      );
      assert.ok(error instanceof JsmError);
      assert.equal(error.code, "gave_up");
      assert.equal(error.status, 503);
      assert.equal(error.lastCode, "unavailable");
      assert.equal(error.attempts, attemptsAt.length);
      assert.ok(clock.ms <= 8000, `stopped at ${clock.ms} ms`);
      assert.ok(attemptsAt.length >= 4, `only ${attemptsAt.length} attempts`);
    },
  );

  await t.step(
    "a Retry-After beyond the cap gives up at once, keeping it",
    async () => {
      const clock = fakeClock();
      let calls = 0;
      const error = await failureOf(
        withRetries(() => {
          calls++;
          throw http(429, 30);
        }, { deadlineMs: 8000, ...clock, random: Math.random }),
      );
      assert.equal(error.code, "gave_up");
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterSeconds, 30);
      assert.equal(calls, 1);
      assert.deepEqual(clock.sleeps, []);
    },
  );

  await t.step(
    "a Retry-After that would cross the deadline stops early",
    async () => {
      const clock = fakeClock();
      const error = await failureOf(
        withRetries(() => {
          throw http(429, 3);
        }, { deadlineMs: 8000, ...clock, random: Math.random }),
      );
      assert.equal(error.code, "gave_up");
      assert.deepEqual(clock.sleeps, [3000, 3000]);
      assert.equal(error.attempts, 3);
      assert.equal(clock.ms, 6000);
    },
  );

  await t.step("maxAttempts bounds fast failures", async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(() => {
        calls++;
        throw http(502);
      }, { deadlineMs: 8000, ...fakeClock(), random: () => 0, maxAttempts: 4 }),
      (e: JsmError) => e.code === "gave_up" && e.attempts === 4,
    );
    assert.equal(calls, 4);
  });
});
