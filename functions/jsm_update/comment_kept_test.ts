// An agent's public answer in JSM is never lost to a passing failure on
// Slack's side. Slack answers JSM's web request as soon as the workflow
// starts, so JSM does not send the comment again when the run fails: what
// Slack refused for a reason that may pass (a 5xx, a rate limit) is kept on
// the ticket and sent by the scheduled check, as a Slack reply would be.
import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack } from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { deskWithSyncedTicket } from "../../dev/testing/jsm_answers.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";

Deno.test("a JSM answer Slack refused for a passing reason reaches everyone later, once", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { saved, answer } = await deskWithSyncedTicket(slack, jsm);
  const toRequester = (words: RegExp) =>
    slack.workspace.dmsTo(PEOPLE.requester).filter((m) => words.test(m.text));
  const inThread = (words: RegExp) =>
    slack.workspace.repliesTo(saved.card_channel!, saved.card_ts!)
      .filter((m) => words.test(m.text));
  const now = () => Math.floor(Date.now() / 1000);

  await t.step("the requester's DM failed, the thread's posted", async () => {
    slack.fail({
      method: "chat.postMessage",
      status: 500,
      error: "internal_error",
      times: Infinity,
      when: (args) => args.channel === PEOPLE.requester,
    });
    const result = await answer("New toner is in tray 2", "10001");
    slack.clearFailures();
    assert.ok(result.outputs, JSON.stringify(result));
    assert.equal(inThread(/New toner is in tray 2/).length, 1);
    assert.equal(toRequester(/New toner is in tray 2/).length, 0);
    await run(slack, now());
    assert.equal(toRequester(/New toner is in tray 2/).length, 1);
    assert.equal(inThread(/New toner is in tray 2/).length, 1, "not twice");
  });

  await t.step("every post refused: none of it lost", async () => {
    slack.fail({
      method: "chat.postMessage",
      status: 429,
      retryAfterSeconds: 1,
      times: Infinity,
    });
    await answer("Please restart it", "10002");
    slack.clearFailures();
    assert.equal(toRequester(/Please restart it/).length, 0);
    await run(slack, now());
    assert.equal(toRequester(/Please restart it/).length, 1);
    assert.equal(inThread(/Please restart it/).length, 1);
    // JSM sending it again (a rule run twice) adds nothing.
    await answer("Please restart it", "10002");
    assert.equal(toRequester(/Please restart it/).length, 1);
  });
});
