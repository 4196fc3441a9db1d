import assert from "node:assert/strict";
import { type DueNotice, planNotices } from "./notice_plan.ts";

const due = (
  i: number,
  channel = "C1",
  queueId = "it",
  owed = false,
): DueNotice => ({
  ticketId: `T${i}`,
  channel,
  queueId,
  notice: "first_response_warning",
  owed,
});

Deno.test("a few notices in a channel each get their own thread reply", () => {
  const plan = planNotices([due(1), due(2), due(3, "C2")], 6);
  assert.deepEqual(plan.announce.map((n) => n.ticketId), ["T1", "T2", "T3"]);
  assert.deepEqual([plan.summaries, plan.followUps, plan.deferred], [
    [],
    [],
    [],
  ]);
});

Deno.test("a burst gets one summary per queue; thread replies follow at the channel's pace", () => {
  const burst = [
    ...Array.from({ length: 400 }, (_, i) => due(i, "C1", "it")),
    ...Array.from({ length: 100 }, (_, i) => due(1000 + i, "C1", "hr")),
  ];
  const plan = planNotices(burst, 6);
  assert.equal(plan.announce.length, 0);
  assert.deepEqual(
    plan.summaries.map((s) => [s.queueId, s.notices.length]),
    [["it", 400], ["hr", 100]],
  );
  // Two summaries and four replies: six posts in the channel this run.
  assert.equal(plan.followUps.length, 4);
  assert.equal(plan.deferred.length, 496);
  // Later runs: only owed replies, oldest first, six at a time.
  const next = planNotices(plan.deferred.map((n) => ({ ...n, owed: true })), 6);
  assert.deepEqual([next.summaries.length, next.followUps.length], [0, 6]);
  assert.deepEqual(next.followUps[0], { ...plan.deferred[0], owed: true });
});

Deno.test("owed replies wait behind new notices that fit", () => {
  const plan = planNotices([
    due(1, "C1", "it", true),
    due(2, "C1", "it", true),
    due(3),
    due(4),
    due(5),
    due(6),
    due(7),
  ], 6);
  assert.deepEqual(plan.announce.map((n) => n.ticketId), [
    "T3",
    "T4",
    "T5",
    "T6",
    "T7",
  ]);
  assert.deepEqual(plan.followUps.map((n) => n.ticketId), ["T1"]);
  assert.deepEqual(plan.deferred.map((n) => n.ticketId), ["T2"]);
});
