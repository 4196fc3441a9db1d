// A JSM answer Slack refused for now is kept on the ticket under its lock.
// When another run holds that lock past both waits, it is not kept: the
// run must not say it was, and the card's thread hears, with the words,
// that they did not reach the requester (JSM does not send them again).
import assert from "node:assert/strict";
import {
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { deskWithSyncedTicket } from "../../dev/testing/jsm_answers.ts";
import { anotherRunHoldsLock } from "../../dev/testing/lock_fixtures.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";

Deno.test("a JSM answer that could not be kept is told as lost in the card's thread", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { ticket, saved, answer } = await deskWithSyncedTicket(slack, jsm);
  const words = "New toner is in tray 2";
  const isAnswerToRequester = (args: Record<string, unknown>) =>
    args.channel === PEOPLE.requester && String(args.text).includes(words);
  let held = false;
  slack.beforeAnswer(async (method, args) => {
    if (method === "chat.postMessage" && isAnswerToRequester(args) && !held) {
      held = true;
      await anotherRunHoldsLock(slack, saved, {
        holder: "a slow change",
        state: "held",
      });
    }
  });
  slack.fail({
    method: "chat.postMessage",
    error: "internal_error",
    times: Infinity,
    when: isAnswerToRequester,
  });

  const result = await answer(words);
  slack.clearFailures();
  const thread = slack.workspace.repliesTo(saved.card_channel!, saved.card_ts!)
    .map((m) => m.text);

  await t.step("the run says some of it was not delivered, not kept", () => {
    assert.ok(held, "the requester's DM was tried");
    const said = String(result.outputs?.result ?? result.error);
    assert.match(said, /some of it not delivered/);
    assert.doesNotMatch(said, /kept/);
  });

  await t.step("the card's thread hears it, with the words", () => {
    const notice = thread.filter((text) =>
      text.includes(
        `about ${saved.key} did not reach ${userMention(PEOPLE.requester)}`,
      )
    );
    assert.equal(notice.length, 1, thread.join("\n"));
    assert.match(notice[0], /could not keep it to send later/);
    assert.ok(notice[0].includes(words), notice[0]);
  });

  await t.step("nothing was kept that claims to come later", async () => {
    const stored = await storedTicket(slack, ticket.id);
    assert.ok(!(stored.outbox ?? []).some((json) => json.includes(words)));
  });
});
