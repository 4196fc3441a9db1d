import assert from "node:assert/strict";
import { dueNotices, evaluateSla, nextCheckAt } from "./sla_clock.ts";

const T0 = 1_800_000_000;
const H = 3600;
const targets = { firstResponseMinutes: 60, resolutionMinutes: 240 };

function clocks(
  subject: Partial<Parameters<typeof evaluateSla>[0]>,
  now: number,
) {
  return evaluateSla(
    { created_at: T0, holds: [], ...subject },
    targets,
    undefined,
    0.8,
    now,
  );
}

Deno.test("running clocks have deadlines and warning times", () => {
  const c = clocks({}, T0 + 10 * 60);
  assert.deepEqual(c.first_response, {
    target: "first_response",
    state: "running",
    dueAt: T0 + H,
    warnAt: T0 + 48 * 60,
    used: 10 / 60,
  });
  assert.equal(c.resolution.dueAt, T0 + 4 * H);
  assert.equal(c.resolution.warnAt, T0 + 3.2 * H);
  assert.equal(nextCheckAt(c, []), T0 + 48 * 60);
  assert.deepEqual(dueNotices(c, [], T0 + 10 * 60), { send: [], markSent: [] });
});

Deno.test("a warning is due once, then the breach, then nothing", () => {
  let sent: Parameters<typeof dueNotices>[1] = [];
  const warnTime = T0 + 50 * 60;
  const warning = dueNotices(clocks({}, warnTime), sent, warnTime);
  assert.deepEqual(warning.send, ["first_response_warning"]);
  sent = warning.markSent;
  assert.deepEqual(
    dueNotices(clocks({}, warnTime + 60), sent, warnTime + 60).send,
    [],
  );
  assert.equal(nextCheckAt(clocks({}, warnTime), sent), T0 + H);

  const late = T0 + H;
  const breach = dueNotices(clocks({}, late), sent, late);
  assert.deepEqual(breach.send, ["first_response_breach"]);
  sent = [...sent, ...breach.markSent];
  assert.equal(clocks({}, late).first_response.state, "breached");
  assert.equal(nextCheckAt(clocks({}, late), sent), T0 + 3.2 * H);
});

Deno.test("when warning and breach are both due, only the breach is sent", () => {
  const now = T0 + 2 * H;
  assert.deepEqual(dueNotices(clocks({}, now), [], now), {
    send: ["first_response_breach"],
    markSent: ["first_response_breach", "first_response_warning"],
  });
});

Deno.test("met and missed targets are final and need no more checks", () => {
  const met = clocks({ first_response_at: T0 + H }, T0 + 5 * H);
  assert.equal(
    met.first_response.state,
    "met",
    "exactly on the deadline is met",
  );
  assert.equal(met.first_response.doneAt, T0 + H);
  const missed = clocks({
    first_response_at: T0 + H + 1,
    resolved_at: T0 + 2 * H,
  }, T0 + 5 * H);
  assert.equal(missed.first_response.state, "breached");
  assert.equal(missed.resolution.state, "met");
  assert.equal(nextCheckAt(missed, []), undefined);
  assert.deepEqual(dueNotices(missed, [], T0 + 5 * H).send, []);
});

Deno.test("a hold pauses the clocks and moves the deadlines", () => {
  const now = T0 + 2 * H;
  const paused = clocks({
    first_response_at: T0 + 10 * 60,
    holds: [{ start: T0 + H }],
  }, now);
  assert.equal(paused.resolution.state, "paused");
  assert.equal(paused.resolution.dueAt, undefined);
  assert.equal(paused.resolution.used, 0.25);
  assert.equal(
    nextCheckAt(paused, []),
    undefined,
    "nothing comes due while paused",
  );
  const resumed = clocks({
    first_response_at: T0 + 10 * 60,
    holds: [{ start: T0 + H, end: T0 + 3 * H }],
  }, T0 + 3 * H);
  assert.equal(resumed.resolution.state, "running");
  assert.equal(resumed.resolution.dueAt, T0 + 6 * H);
});

Deno.test("no target, no clock", () => {
  const c = evaluateSla(
    { created_at: T0, holds: [] },
    {},
    undefined,
    0.8,
    T0 + 99 * H,
  );
  assert.deepEqual(c.first_response, {
    target: "first_response",
    state: "none",
  });
  assert.equal(nextCheckAt(c, []), undefined);
  assert.deepEqual(dueNotices(c, [], T0 + 99 * H).send, []);
});
