// A reply Slack refused for now is kept on the ticket under its lock, for
// the scheduled check. When another run holds that lock past both waits,
// the reply is not kept: its writer and the card's thread must hear that it
// did not reach the requester, and nobody may be told it comes later.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import { anotherRunHoldsLock } from "../../dev/testing/lock_fixtures.ts";

Deno.test("a reply that could not be kept is told as lost, not as coming", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const words = "Restart the printer, then hold the reset key for 5 s.";
  const isReplyToRequester = (args: Record<string, unknown>) =>
    args.channel === PEOPLE.requester && String(args.text).includes(words);
  // The reply is saved; as its DM goes out, another change takes the
  // ticket and holds it past both of the keep's waits, and Slack refuses
  // the DM for a reason that may pass.
  let held = false;
  slack.beforeAnswer(async (method, args) => {
    if (method === "chat.postMessage" && isReplyToRequester(args) && !held) {
      held = true;
      await anotherRunHoldsLock(slack, ticket, {
        holder: "a slow change",
        state: "held",
      });
    }
  });
  slack.fail({
    method: "chat.postMessage",
    error: "internal_error",
    times: Infinity,
    when: isReplyToRequester,
  });
  const ephemerals = slack.workspace.ephemerals.length;

  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.reply,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0BUSYKEEP",
      user: PEOPLE.agent,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: words } },
      },
    }),
  );
  slack.clearFailures();
  const told = slack.workspace.ephemerals.slice(ephemerals)
    .filter((e) => e.user === PEOPLE.agent).map((e) => e.text);

  await t.step("the reply was saved and the requester got nothing", () => {
    assert.equal(answer, undefined);
    assert.ok(held, "the requester's DM was tried");
    assert.equal(
      slack.workspace.dmsTo(PEOPLE.requester)
        .filter((m) => m.text.includes(words)).length,
      0,
    );
  });

  await t.step("its writer hears it did not reach the requester", () => {
    const lost = told.filter((text) =>
      text.includes(`about ${ticket.key} did not reach the requester`)
    );
    assert.equal(lost.length, 1, told.join("\n"));
    assert.match(
      lost[0],
      /will not try again: Slack refused it \(internal_error\) for now, and Helpdesk could not keep it to send later\./,
    );
  });

  await t.step("the card's thread hears it too", () => {
    assert.ok(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).some((m) =>
        m.text.includes(`about ${ticket.key} did not reach the requester`)
      ),
    );
  });

  await t.step("nothing claims it was kept or comes later", async () => {
    const stored = await storedTicket(slack, ticket.id);
    assert.ok(!(stored.outbox ?? []).some((json) => json.includes(words)));
    assert.ok(
      !told.some((text) => /within 15 minutes/.test(text)),
      told.join("\n"),
    );
  });
});
