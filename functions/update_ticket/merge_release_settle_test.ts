// What a kept ticket still owes is settled under its lock, on it as stored
// then: a close that owes more while a scheduled check settles it is never
// written over (the check's clearing of release_due would lose it).
import assert from "node:assert/strict";
import {
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import {
  failTicketSaves,
  mergedInto,
  mergedPair,
} from "../../dev/testing/merge_actions.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;

Deno.test("a close that owes more while a check settles the kept ticket is kept", async () => {
  await using slack = await startFakeSlack();
  const { kept, sams } = await mergedPair(slack);
  // Sam's reopen fails at the withdrawal: owed, for the check.
  failTicketSaves(slack, sams.id);
  await click(slack, kept.id, "withdraw", RILEY);
  slack.clearFailures();
  assert.equal((await storedTicket(slack, kept.id)).release_due, true);

  // Riley reopens it, and Tom's ticket is merged into it.
  const reopened = await click(slack, kept.id, "reopen", RILEY);
  assert.notEqual(
    (await storedTicket(slack, kept.id)).status,
    "closed",
    JSON.stringify(reopened),
  );
  const toms = await mergedInto(
    slack,
    kept,
    PEOPLE.admin,
    "printer on 3 eats paper",
  );

  // While the check reopens Sam's ticket, Riley withdraws again and Tom's
  // reopen fails: the kept ticket owes Tom's now.
  let staged = false;
  slack.beforeAnswer(async (method, args) => {
    if (staged || method !== "chat.postMessage" || args.channel !== SAM) {
      return;
    }
    staged = true;
    slack.fail({
      method: "apps.datastore.put",
      error: "internal_error",
      times: Infinity,
      when: (a) =>
        a.datastore === "tickets" &&
        (a.item as { id?: string } | undefined)?.id === toms.id,
    });
    await click(slack, kept.id, "withdraw", RILEY);
    slack.clearFailures();
    const owing = await storedTicket(slack, kept.id);
    assert.deepEqual(owing.released_keys?.includes(toms.key), true);
  });
  await run(slack, Math.floor(Date.now() / 1000) + 60);
  assert.ok(staged, "the second withdrawal ran during the check");
  assert.equal((await storedTicket(slack, sams.id)).status, "new");
  const a = await storedTicket(slack, kept.id);
  assert.equal(a.release_due, true, "Tom's reopen is still owed");
  assert.deepEqual(a.released_keys, [toms.key]);

  // And the next check does reopen Tom's.
  await run(slack, Math.floor(Date.now() / 1000) + 120);
  const t = await storedTicket(slack, toms.id);
  assert.equal(t.status, "new");
  assert.equal(t.merged_into, undefined);
  assert.notEqual((await storedTicket(slack, kept.id)).release_due, true);
});
