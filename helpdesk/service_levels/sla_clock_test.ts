import assert from "node:assert/strict";
import {
  dueNotices,
  evaluateSla,
  nextCheckAt,
  type SlaNotice,
  type SlaSubject,
} from "./sla_clock.ts";
import { parseBusinessHours } from "./business_hours.ts";

const T0 = 1_800_000_000;
const M = 60;
const H = 3600;
const targets = { firstResponseMinutes: 60, resolutionMinutes: 240 };

/** Around the clock: 1h to respond, 4h to resolve, warn at 80%. */
function clocks(subject: Partial<SlaSubject>, now: number) {
  return evaluateSla(
    { created_at: T0, holds: [], ...subject },
    targets,
    undefined,
    0.8,
    now,
  );
}

Deno.test("running clocks have deadlines, warning times and use", () => {
  const c = clocks({}, T0 + 10 * M);
  assert.deepEqual(c.first_response, {
    target: "first_response",
    state: "running",
    dueAt: T0 + H,
    warnAt: T0 + 48 * M, // 80% of 60 minutes
    used: 10 / 60,
  });
  assert.deepEqual(c.resolution, {
    target: "resolution",
    state: "running",
    dueAt: T0 + 4 * H,
    warnAt: T0 + 192 * M, // 80% of 240 minutes
    used: 10 / 240,
  });
  assert.equal(nextCheckAt(c, []), T0 + 48 * M);
  assert.deepEqual(dueNotices(c, [], T0 + 10 * M), { send: [], markSent: [] });
});

Deno.test("clocks in business hours stop for the weekend", () => {
  const office = parseBusinessHours("Mon-Fri 09:00-17:00", "Europe/Paris");
  if (!office.ok) assert.fail(office.problem);
  const friday16 = Date.parse("2026-11-20T15:00:00Z") / 1000; // 16:00 CET
  const saturday = friday16 + 20 * H;
  const c = evaluateSla(
    { created_at: friday16, holds: [] },
    { firstResponseMinutes: 120, resolutionMinutes: 480 },
    office.value,
    0.8,
    saturday,
  );
  const monday = (time: string) => Date.parse(`2026-11-23T${time}:00Z`) / 1000;
  // Response, 2h: 1h on Friday, then Mon 09:00 + 1h = 10:00 CET.
  // Warning, 96m: 1h on Friday, then Mon 09:36 CET.
  assert.deepEqual(c.first_response, {
    target: "first_response",
    state: "running",
    dueAt: monday("09:00"),
    warnAt: monday("08:36"),
    used: 0.5, // only Friday's hour has counted by Saturday
  });
  // Resolution, 8h: 1h Friday + 7h Monday = Mon 16:00 CET; warning at
  // 6h24m: Mon 14:24 CET.
  assert.equal(c.resolution.dueAt, monday("15:00"));
  assert.equal(c.resolution.warnAt, monday("13:24"));
  assert.equal(nextCheckAt(c, []), monday("08:36"));
});

Deno.test("a warning is sent once, then the breach once, then nothing", () => {
  let sent: SlaNotice[] = [];
  const sweep = (now: number) => {
    const due = dueNotices(clocks({}, now), sent, now);
    sent = [...sent, ...due.markSent];
    return due.send;
  };
  assert.deepEqual(sweep(T0 + 47 * M), []);
  assert.deepEqual(sweep(T0 + 50 * M), ["first_response_warning"]);
  assert.deepEqual(sweep(T0 + 51 * M), []);
  assert.equal(nextCheckAt(clocks({}, T0 + 51 * M), sent), T0 + H);
  assert.deepEqual(sweep(T0 + H), ["first_response_breach"]);
  assert.equal(clocks({}, T0 + H).first_response.state, "breached");
  assert.deepEqual(sweep(T0 + H + 1), []);
  // Only the resolution clock is left to watch.
  assert.equal(nextCheckAt(clocks({}, T0 + H), sent), T0 + 192 * M);
  assert.deepEqual(sweep(T0 + 5 * H), ["resolution_breach"]);
  assert.deepEqual(sent, [
    "first_response_warning",
    "first_response_breach",
    "resolution_breach",
    "resolution_warning",
  ]);
  assert.equal(nextCheckAt(clocks({}, T0 + 5 * H), sent), undefined);
});

Deno.test("when warning and breach are both due, only the breach is sent", () => {
  const now = T0 + 2 * H;
  assert.deepEqual(dueNotices(clocks({}, now), [], now), {
    send: ["first_response_breach"],
    markSent: ["first_response_breach", "first_response_warning"],
  });
});

Deno.test("an unrecorded notice keeps its check in the past, to retry", () => {
  // The sweep at T0 + 2h could not record the breach it sent.
  const c = clocks({}, T0 + 2 * H);
  assert.equal(nextCheckAt(c, ["first_response_warning"]), T0 + H);
});

Deno.test("met and missed targets are final and need no more checks", () => {
  const met = clocks({ first_response_at: T0 + H }, T0 + 5 * H);
  assert.equal(met.first_response.state, "met", "on the deadline is met");
  assert.equal(met.first_response.doneAt, T0 + H);
  assert.equal(met.first_response.used, 1);
  const missed = clocks({
    first_response_at: T0 + H + 1,
    resolved_at: T0 + 2 * H,
  }, T0 + 5 * H);
  assert.equal(missed.first_response.state, "breached");
  assert.equal(missed.resolution.state, "met");
  assert.equal(missed.resolution.used, 0.5);
  assert.equal(nextCheckAt(missed, []), undefined);
  assert.deepEqual(dueNotices(missed, [], T0 + 5 * H), {
    send: [],
    markSent: [],
  });
});

Deno.test("a resolution without a first response answers both", () => {
  const c = clocks({ resolved_at: T0 + 30 * M }, T0 + 9 * H);
  assert.equal(c.first_response.state, "met");
  assert.equal(c.first_response.doneAt, T0 + 30 * M);
  assert.deepEqual(dueNotices(c, [], T0 + 9 * H).send, []);
});

Deno.test("a hold pauses the clocks and moves the deadlines", async (t) => {
  const answered = { first_response_at: T0 + 10 * M };
  await t.step("paused: no deadline, no notices, no checks", () => {
    const paused = clocks(
      { ...answered, holds: [{ start: T0 + H }] },
      T0 + 2 * H,
    );
    assert.equal(paused.resolution.state, "paused");
    assert.equal(paused.resolution.dueAt, undefined);
    assert.equal(paused.resolution.warnAt, undefined);
    assert.equal(paused.resolution.used, 0.25); // 1h of 4h, then held
    assert.equal(nextCheckAt(paused, []), undefined);
  });
  await t.step("a warning passed before the hold waits for the clock", () => {
    // Held from 3h30m (the 3h12m warning passed unannounced) to 6h.
    const held = [{ start: T0 + 3.5 * H }];
    const paused = clocks({ ...answered, holds: held }, T0 + 5 * H);
    assert.equal(paused.resolution.state, "paused");
    assert.equal(paused.resolution.warnAt, T0 + 192 * M);
    assert.deepEqual(dueNotices(paused, [], T0 + 5 * H).send, []);
    assert.equal(nextCheckAt(paused, []), undefined);
    const resumed = [{ start: T0 + 3.5 * H, end: T0 + 6 * H }];
    const running = clocks({ ...answered, holds: resumed }, T0 + 6 * H);
    assert.equal(running.resolution.state, "running");
    // 3h30m before the hold, 30m after it: 4h at 6h30m.
    assert.equal(running.resolution.dueAt, T0 + 6.5 * H);
    assert.deepEqual(dueNotices(running, [], T0 + 6 * H).send, [
      "resolution_warning",
    ]);
    assert.equal(nextCheckAt(running, ["resolution_warning"]), T0 + 6.5 * H);
  });
  await t.step("a breach before the hold is still announced", () => {
    const c = clocks({ holds: [{ start: T0 + 2 * H }] }, T0 + 3 * H);
    assert.equal(c.first_response.state, "breached");
    assert.equal(c.resolution.state, "paused");
    const due = dueNotices(c, [], T0 + 3 * H);
    assert.deepEqual(due.send, ["first_response_breach"]);
    assert.equal(nextCheckAt(c, due.markSent), undefined);
  });
});

Deno.test("warning times are whole seconds", () => {
  // 33% of one minute is 19.8 seconds: the warning is at 20.
  const c = evaluateSla(
    { created_at: T0, holds: [] },
    { firstResponseMinutes: 1 },
    undefined,
    0.33,
    T0,
  );
  assert.equal(c.first_response.warnAt, T0 + 20);
});

Deno.test("no target, no clock", () => {
  const c = evaluateSla(
    { created_at: T0, holds: [] },
    { resolutionMinutes: 240 },
    undefined,
    0.8,
    T0 + 99 * H,
  );
  assert.deepEqual(c.first_response, {
    target: "first_response",
    state: "none",
  });
  assert.deepEqual(dueNotices(c, [], T0 + 99 * H).send, ["resolution_breach"]);
  assert.equal(nextCheckAt(c, ["resolution_breach"]), undefined);
});
