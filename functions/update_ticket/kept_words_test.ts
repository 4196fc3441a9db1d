// Messages Slack refuses for a passing reason are kept on the ticket for the
// scheduled check. A change keeps some (its line in the card's thread) and
// the conversation then keeps more (the requester's copy): the second keep
// must add to the first, not write over it, or words are lost unseen.
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
import type { OutboxMessage } from "../../slack/workspace/outbox.ts";

Deno.test("a comment whose every post fails is kept whole, thread and copy", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const words = "The VPN client is 5.2";
  // Slack has a bad moment: every post is refused, for a passing reason.
  slack.fail({
    method: "chat.postMessage",
    error: "internal_error",
    times: Infinity,
  });
  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.comment,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0KEPTWORDS",
      user: PEOPLE.requester,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: words } },
      },
    }),
  );
  slack.clearFailures();
  const kept = ((await storedTicket(slack, ticket.id)).outbox ?? [])
    .map((json) => JSON.parse(json) as OutboxMessage);

  await t.step("saved: the form closes", () => {
    assert.equal(answer, undefined);
  });

  await t.step("the agents' copy in the card's thread is kept", () => {
    const forCard = kept.filter((m) =>
      m.channel === TRIAGE && m.thread_ts === ticket.card_ts
    );
    assert.equal(forCard.length, 1, JSON.stringify(kept));
    assert.ok(forCard[0].text.includes(words));
  });

  await t.step("and so is the requester's own copy", () => {
    const forRequester = kept.filter((m) => m.channel === PEOPLE.requester);
    assert.equal(forRequester.length, 1, JSON.stringify(kept));
    assert.match(forRequester[0].text, /You added to/);
  });
});
