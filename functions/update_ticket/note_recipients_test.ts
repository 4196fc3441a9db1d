// A note goes to the queue's agents by DM where its requester could read the
// card's thread. When Slack won't say who the agents are (a user group read
// refused), the writer is told it failed: then nothing may have been saved
// or announced, or sending it again would say it twice.
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

Deno.test("a note whose agents Slack won't list is refused, nothing saved", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const thread = () =>
    slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).map((m) => m.text);
  const before = thread().length;
  slack.fail({
    method: "usergroups.users.list",
    error: "internal_error",
    times: Infinity,
  });
  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.note,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0NOTEAGENTS",
      user: PEOPLE.agent,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: {
          message: { type: "plain_text_input", value: "Probably the 5.2 bug" },
        },
      },
    }),
  );
  slack.clearFailures();

  await t.step("the form stays open with why", () => {
    assert.equal(answer.response_action, "errors");
    assert.match(answer.errors.message, /usergroups\.users\.list/);
  });

  await t.step("and nothing was saved or said", async () => {
    assert.deepEqual(thread().slice(before), []);
    const saved = await storedTicket(slack, ticket.id);
    assert.deepEqual(saved.jsm_comments, ticket.jsm_comments);
    assert.equal(saved.updated_at, ticket.updated_at);
  });
});
