// An agent's reply that Slack refuses for a passing reason is kept on the
// ticket for the scheduled check. It is refused after the reply's change let
// go of the ticket's lock, so another change can be saving the ticket as
// read before the reply was kept: that save must not write over it.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import { claimWhenRefused } from "../../dev/testing/kept_race.ts";
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

Deno.test("a reply kept for later survives a change saved at that moment", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const words = "Hold the reset key for 5 s";
  const isReplyToRequester = (args: Record<string, unknown>) =>
    args.channel !== TRIAGE && String(args.text).includes(words);
  // The other agent claims the ticket as the reply is refused: their save
  // carries the ticket as they read it, and lands right after whatever the
  // reply's run writes then (within a second).
  const claimed = claimWhenRefused(
    slack,
    ticket.id,
    PEOPLE.otherAgent,
    isReplyToRequester,
  );

  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.reply,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0KEPTRACE",
      user: PEOPLE.agent,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: words } },
      },
    }),
  );
  await claimed();
  const stored = await storedTicket(slack, ticket.id);

  await t.step("both changes are saved", () => {
    assert.equal(answer, undefined);
    assert.equal(stored.assignee, PEOPLE.otherAgent);
    assert.equal(stored.last_reply, words);
  });

  await t.step("the reply is still kept for the requester", () => {
    const forRequester = (stored.outbox ?? [])
      .map((json) => JSON.parse(json) as OutboxMessage)
      .filter((m) => m.channel !== TRIAGE && m.text.includes(words));
    assert.equal(forRequester.length, 1, JSON.stringify(stored.outbox));
    assert.equal(stored.outbox_due, true);
  });
});
