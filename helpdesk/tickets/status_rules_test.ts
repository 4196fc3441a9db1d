import assert from "node:assert/strict";
import { allowedNextStatuses, checkTransition } from "./status_rules.ts";
import { type Status, STATUSES } from "./model.ts";

const KEY = "HD-7K3QX2";

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
          const check = checkTransition(KEY, from, to);
          assert.equal(check.ok, expected);
          assert.equal(allowedNextStatuses(from).includes(to), expected);
          if (check.ok) {
            assert.deepEqual(check, { ok: true });
          } else {
            // A sentence about this ticket, in words, not status ids.
            assert.ok(check.reason.includes(KEY), check.reason);
            assert.match(check.reason, /^HD-7K3QX2 is [a-z]/);
            assert.doesNotMatch(check.reason, /_/);
            assert.match(check.reason, /\.$/);
          }
        },
      );
    }
  }
});

Deno.test("allowedNextStatuses lists each status's successors", () => {
  const successors = Object.fromEntries(
    STATUSES.map((s) => [s, [...allowedNextStatuses(s)].sort()]),
  );
  assert.deepEqual(successors, {
    new: ["in_progress"],
    in_progress: ["resolved", "waiting_on_requester"],
    waiting_on_requester: ["in_progress", "resolved"],
    resolved: ["closed", "in_progress"],
    closed: [],
  });
});

Deno.test("refusals say what to do instead", async (t) => {
  const cases: Array<[Status, Status, string]> = [
    ["new", "resolved", "HD-1 is new: start or claim it first."],
    ["new", "waiting_on_requester", "HD-1 is new: start or claim it first."],
    ["new", "closed", "HD-1 is new: resolve it before closing it."],
    [
      "in_progress",
      "closed",
      "HD-1 is in progress: resolve it before closing it.",
    ],
    [
      "in_progress",
      "new",
      "HD-1 is in progress: it can't go straight to new.",
    ],
    [
      "waiting_on_requester",
      "new",
      "HD-1 is waiting on requester: it can't go straight to new.",
    ],
    [
      "waiting_on_requester",
      "closed",
      "HD-1 is waiting on requester: resolve it before closing it.",
    ],
    [
      "resolved",
      "waiting_on_requester",
      "HD-1 is resolved: reopen it first.",
    ],
    ["resolved", "new", "HD-1 is resolved: reopen it first."],
    [
      "closed",
      "in_progress",
      "HD-1 is closed: closed tickets stay closed. Open a new ticket and mention this one.",
    ],
    [
      "closed",
      "resolved",
      "HD-1 is closed: closed tickets stay closed. Open a new ticket and mention this one.",
    ],
    ["new", "new", "HD-1 is already new."],
    ["in_progress", "in_progress", "HD-1 is already in progress."],
    [
      "waiting_on_requester",
      "waiting_on_requester",
      "HD-1 is already waiting on requester.",
    ],
    ["resolved", "resolved", "HD-1 is already resolved."],
    ["closed", "closed", "HD-1 is already closed."],
  ];
  for (const [from, to, reason] of cases) {
    await t.step(`${from} → ${to}`, () => {
      assert.deepEqual(checkTransition("HD-1", from, to), {
        ok: false,
        reason,
      });
    });
  }
});
