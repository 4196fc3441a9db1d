// A merge decides on both tickets as their locks read them: at least as new
// as the last change made under each lock. A read of its own after that may
// answer the ticket before that change (DynamoDB's default reads are
// eventually consistent), and a merge decided on it would save the older
// ticket over the change, which was saved and announced.
import assert from "node:assert/strict";
import { click } from "../../dev/testing/queue_actions.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { lockOrder } from "../../helpdesk/tickets/ticket_pairing.ts";

Deno.test("a merge right after a claim keeps the claim, whatever reads lag", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const merged = await openTestTicket(slack);
  const kept = await openTestTicket(slack, { summary: "Printer jams too" });
  // Reads may lag from here on; they answer fresh until told otherwise.
  slack.settleReads();
  const lagging = (chance: number) =>
    slack.staleReads = { windowMs: 60_000, chance };
  lagging(0);
  await click(slack, merged.id, "claim", PEOPLE.agent);

  // Once both locks are taken and the merged ticket was read under its
  // own, the next read of it answers the ticket before the claim.
  const mergedIsFirst = lockOrder(merged, kept)[0].id === merged.id;
  let locks = 0;
  let readsAfterLocks = 0;
  let staged = false;
  slack.onCall((call) => {
    if (call.method === "reactions.add" && call.args.name === LOCK_REACTION) {
      locks++;
    }
    if (
      staged && call.method === "apps.datastore.get" &&
      call.args.id === merged.id
    ) lagging(0);
  });
  let saving = false;
  slack.beforeAnswer((method, args) => {
    // Only the reads the merge decides on: none once it saves.
    if (method === "apps.datastore.put" && args.datastore === "tickets") {
      saving = true;
    }
    if (
      locks < 2 || staged || saving || method !== "apps.datastore.get" ||
      args.datastore !== "tickets" || args.id !== merged.id
    ) return;
    readsAfterLocks++;
    if (readsAfterLocks === (mergedIsFirst ? 1 : 2)) {
      staged = true;
      lagging(1);
    }
  });
  const answer = await submitPair(slack, "merge", merged.id, PEOPLE.agent, {
    key: kept.key,
  });
  slack.staleReads = undefined;
  const saved = await storedTicket(slack, merged.id);

  await t.step("merged", () => {
    assert.equal(answer, undefined, JSON.stringify(answer));
    assert.equal(saved.merged_into, kept.id);
    assert.equal(saved.status, "closed");
  });

  await t.step("the claim made before is still there", () => {
    assert.equal(saved.assignee, PEOPLE.agent);
  });
});
