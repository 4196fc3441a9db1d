import assert from "node:assert/strict";
import {
  afterEmptySearch,
  JSM_SEARCH_SETTLE_SECONDS,
  jsmAgrees,
  jsmCreateSentAt,
  jsmRetryDelaySeconds,
  markJsmPendingIfLinked,
  needsJsmSync,
  statusFromJsm,
} from "./jsm_sync.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";

Deno.test("JSM statuses and the ticket's", async (t) => {
  await t.step(
    "JSM's names map to Helpdesk statuses, whatever the case",
    () => {
      const unassigned = {};
      const assigned = { assignee: "UAGENT" };
      assert.equal(statusFromJsm("Waiting for support", unassigned), "new");
      assert.equal(
        statusFromJsm("waiting for SUPPORT", assigned),
        "in_progress",
      );
      assert.equal(statusFromJsm("In Progress", unassigned), "in_progress");
      assert.equal(
        statusFromJsm("Pending", unassigned),
        "waiting_on_requester",
      );
      assert.equal(statusFromJsm("Canceled", unassigned), "resolved");
      assert.equal(statusFromJsm(" Closed ", unassigned), "closed");
      assert.equal(statusFromJsm("Under review", unassigned), undefined);
    },
  );

  await t.step(
    "agreement: the same meaning counts, an open status only for new",
    () => {
      assert.ok(jsmAgrees({ status: "waiting_on_requester" }, "Pending"));
      assert.ok(jsmAgrees({ status: "new" }, "Waiting for support"));
      // A claim must still move JSM to In progress.
      assert.ok(!jsmAgrees({ status: "in_progress" }, "Waiting for support"));
      assert.ok(!jsmAgrees({ status: "resolved" }, undefined));
    },
  );

  await t.step("what a ticket owes JSM", () => {
    const ticket = sampleTicket({ status: "in_progress" });
    assert.ok(needsJsmSync(ticket), "no request yet");
    assert.ok(
      !needsJsmSync({ ...ticket, jsm_key: "IT-1", jsm_status: "In progress" }),
    );
    assert.ok(
      needsJsmSync({ ...ticket, jsm_key: "IT-1", jsm_status: "Resolved" }),
    );
  });

  await t.step(
    "only linked or queued tickets are queued after a change",
    () => {
      const now = 1_000;
      const plain = sampleTicket({ status: "resolved" });
      assert.equal(markJsmPendingIfLinked(plain, now), plain);
      const linked = { ...plain, jsm_key: "IT-1", jsm_status: "In progress" };
      assert.deepEqual(markJsmPendingIfLinked(linked, now), {
        ...linked,
        jsm_sync: "pending",
        jsm_retry_at: now + 120,
      });
      const agrees = {
        ...linked,
        jsm_status: "Resolved",
        jsm_sync: "synced" as const,
      };
      assert.equal(markJsmPendingIfLinked(agrees, now), agrees);
    },
  );

  await t.step("retries back off from 5 minutes to at most 4 hours", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 20].map(jsmRetryDelaySeconds),
      [300, 600, 1200, 2400, 4800, 9600, 14400, 14400],
    );
  });
});

Deno.test("a search that finds nothing, after a create that may have landed", async (t) => {
  const sentAt = 1_800_000_000;
  await t.step("with no create sent, it means create", () => {
    assert.deepEqual(afterEmptySearch(undefined, sentAt), { create: true });
  });
  await t.step("within the settle time, it means look again later", () => {
    for (const after of [0, 1, 60, JSM_SEARCH_SETTLE_SECONDS - 1]) {
      assert.deepEqual(afterEmptySearch(sentAt, sentAt + after), {
        create: false,
        lookAgainAt: sentAt + JSM_SEARCH_SETTLE_SECONDS,
      });
    }
  });
  await t.step("once settled, it means the create never landed", () => {
    assert.deepEqual(
      afterEmptySearch(sentAt, sentAt + JSM_SEARCH_SETTLE_SECONDS),
      { create: true },
    );
  });
  await t.step(
    "when it was sent: recorded, or inferred for old tickets",
    () => {
      assert.equal(jsmCreateSentAt({}), undefined);
      assert.equal(
        jsmCreateSentAt({ jsm_create_sent: true, jsm_create_sent_at: sentAt }),
        sentAt,
      );
      // Older tickets: the failure was recorded 5 min before jsm_retry_at.
      assert.equal(
        jsmCreateSentAt({
          jsm_create_sent: true,
          jsm_attempts: 1,
          jsm_retry_at: sentAt + 300,
        }),
        sentAt,
      );
    },
  );
});
