// An agent's reply that Slack refuses for a passing reason is kept on the
// ticket for the scheduled check. It is refused after the reply's change let
// go of the ticket's lock, so another change can be saving the ticket as
// read before the reply was kept: that save must not write over it.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import { click } from "../../dev/testing/queue_actions.ts";
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
  slack.fail({
    method: "chat.postMessage",
    error: "internal_error",
    when: isReplyToRequester,
  });
  // The other agent claims the ticket as the reply is refused: their save
  // carries the ticket as they read it, and lands right after whatever the
  // reply's run writes then (within a second).
  let claim: Promise<unknown> | undefined;
  let claimSaving: () => void;
  const claimSaves = new Promise<void>((r) => claimSaving = r);
  let keptWritten: () => void;
  const kept = new Promise<void>((r) => keptWritten = r);
  slack.onCall((call) => {
    const item = call.args.item as { outbox?: unknown } | undefined;
    if (call.method === "apps.datastore.update" && item?.outbox) keptWritten();
  });
  slack.beforeAnswer(async (method, args) => {
    if (method === "chat.postMessage" && isReplyToRequester(args) && !claim) {
      claim = Promise.resolve(
        click(slack, ticket.id, "claim", PEOPLE.otherAgent),
      );
      await Promise.race([claimSaves, claim]);
    }
    const item = args.item as { assignee?: string } | undefined;
    if (
      method === "apps.datastore.put" && args.datastore === "tickets" &&
      item?.assignee === PEOPLE.otherAgent
    ) {
      claimSaving();
      await Promise.race([kept, new Promise((r) => setTimeout(r, 1000))]);
    }
  });

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
  await claim;
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
