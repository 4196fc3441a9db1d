import assert from "node:assert/strict";
import { allowedNextStatuses, checkTransition } from "./status_rules.ts";
import { STATUSES } from "./model.ts";

const ALLOWED = new Set([
  "new>in_progress",
  "in_progress>waiting_on_requester",
  "in_progress>resolved",
  "waiting_on_requester>in_progress",
  "waiting_on_requester>resolved",
  "resolved>closed",
  "resolved>in_progress",
]);

Deno.test("the lifecycle allows exactly its transitions", async (t) => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const expected = ALLOWED.has(`${from}>${to}`);
      await t.step(
        `${from} → ${to}: ${expected ? "allowed" : "refused"}`,
        () => {
          const check = checkTransition("HD-ABC123", from, to);
          assert.equal(check.ok, expected);
          assert.equal(allowedNextStatuses(from).includes(to), expected);
          if (!check.ok) {
            // A sentence about this ticket, in words, not status ids.
            assert.match(check.reason, /^HD-ABC123 is /);
            assert.doesNotMatch(check.reason, /_/);
            assert.match(check.reason, /\.$/);
          }
        },
      );
    }
  }
});

Deno.test("refusals say what to do instead", () => {
  const reason = (
    from: typeof STATUSES[number],
    to: typeof STATUSES[number],
  ) => {
    const check = checkTransition("HD-1", from, to);
    return check.ok ? "" : check.reason;
  };
  assert.equal(
    reason("new", "resolved"),
    "HD-1 is new: start or claim it first.",
  );
  assert.equal(
    reason("in_progress", "closed"),
    "HD-1 is in progress: resolve it before closing it.",
  );
  assert.match(reason("closed", "in_progress"), /closed tickets stay closed/);
  assert.equal(reason("resolved", "resolved"), "HD-1 is already resolved.");
});
