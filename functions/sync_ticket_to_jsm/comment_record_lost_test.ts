// A comment JSM took, whose record on the ticket was then lost (Slack
// refused the write, or another change held the ticket for the whole wait),
// is still queued: the next sync must find it in JSM, not post it again, or
// the requester reads (and is emailed) the same words twice.
import assert from "node:assert/strict";
import {
  configure,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import {
  openTicketSyncedByFunction,
  requesterComments,
} from "../../dev/testing/jsm_fixtures.ts";
import {
  anotherRunHoldsLock,
  anotherRunLetsGo,
} from "../../dev/testing/lock_fixtures.ts";

const COMMENT = /\/request\/[^/]+\/comment$/;

Deno.test("a comment posted but not recorded is not posted again", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(slack, jsm);
  const { request, say, firstLines } = requesterComments(
    jsm,
    client,
    ticket.id,
  );

  await t.step("Slack refused the record", async () => {
    await say("Still drops at 3pm");
    slack.fail({
      method: "apps.datastore.update",
      error: "internal_error",
      times: Infinity,
      when: (args) =>
        args.datastore === "tickets" &&
        JSON.stringify(args.item ?? {}).includes("jsm-comment:"),
    });
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
    slack.clearFailures();
    assert.deepEqual(firstLines(), ["Still drops at 3pm"]);
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
    assert.deepEqual(firstLines(), ["Still drops at 3pm"], "once");
    const after = await storedTicket(slack, ticket.id);
    assert.equal(after.jsm_comments, undefined, "off the queue");
    assert.ok(
      after.copied_files?.includes(`jsm-comment:${request.comments[0].id}`),
    );
  });

  await t.step("the ticket was busy for the whole wait", async () => {
    await say("Now at 4pm too");
    const saved = await storedTicket(slack, ticket.id);
    // Another run takes the ticket's lock once JSM has the comment, and
    // holds it past the sync's wait (6 s).
    let held = false;
    slack.beforeAnswer(async (method) => {
      if (held || method !== "reactions.add") return;
      if (jsm.callsTo("POST", COMMENT).length < 2) return;
      held = true;
      await anotherRunHoldsLock(slack, saved, { holder: "another-run" });
    });
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
    assert.ok(held);
    anotherRunLetsGo(slack, saved);
    assert.deepEqual(firstLines(), ["Still drops at 3pm", "Now at 4pm too"]);
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
    assert.deepEqual(
      firstLines(),
      ["Still drops at 3pm", "Now at 4pm too"],
      "once",
    );
    assert.equal(
      (await storedTicket(slack, ticket.id)).jsm_comments,
      undefined,
    );
  });

  await t.step("the same words said again are posted again", async () => {
    await say("Now at 4pm too");
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
    assert.deepEqual(firstLines(), [
      "Still drops at 3pm",
      "Now at 4pm too",
      "Now at 4pm too",
    ]);
  });
});
