// A reply refused after Slack's 3 s: the form was answered "Working on it…"
// in time, so Slack no longer holds what was typed; the refusal shown in its
// place must give the words back, or they are lost.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import { anotherRunHoldsLock } from "../../dev/testing/lock_fixtures.ts";
import { shownText } from "../../dev/testing/blocks_read.ts";

Deno.test("a reply refused after 3 s shows its words in the refusal", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  await click(slack, ticket.id, "reply", PEOPLE.agent);
  const form = slack.workspace.views.at(-1)!;
  // Another change holds the ticket for longer than the lock waits (4 s).
  await anotherRunHoldsLock(slack, ticket, { holder: "a slow change" });
  const words = "Restart the printer, then hold the reset key for 5 s.";

  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.reply,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0LATEREPLY",
      viewId: form.id,
      user: PEOPLE.agent,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: words } },
      },
    }),
  );

  await t.step("refused: nothing reached the requester", () => {
    assert.equal(answer.response_action, "errors");
    assert.match(answer.errors.message, /Someone else is changing/);
    assert.equal(
      slack.workspace.dmsTo(PEOPLE.requester).filter((m) =>
        m.text.includes("Restart the printer")
      ).length,
      0,
    );
    assert.equal(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
        .filter((m) => m.text.includes("Restart the printer")).length,
      0,
    );
  });

  await t.step("the modal says why and gives back the words", () => {
    const shown = shownText(
      slack.workspace.views.find((v) => v.id === form.id)!.view,
    );
    assert.match(shown, /Someone else is changing/);
    assert.ok(shown.includes(words), shown);
  });
});
