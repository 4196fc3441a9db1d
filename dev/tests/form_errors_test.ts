// A form's field errors are plain text in Slack: whatever Helpdesk says
// there names people, channels and dates in words, never as <@U…>, <#C…>
// or <!date^…>, which Slack would show as written.
import assert from "node:assert/strict";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import { configureQueues, ROLE_PEOPLE } from "../testing/queue_fixtures.ts";
import { click, openLaptop, submitDenial } from "../testing/queue_actions.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  ASSIGN_VIEW_CALLBACK_ID,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import openTicketHandler from "../../functions/open_ticket/handler.ts";
import { DETAILS_VIEW } from "../../slack/blocks/request_form.ts";
import { interactivityOf } from "../testing/harness.ts";

const MARKUP = /<[@#!]|&(lt|gt|amp);/;

Deno.test("form errors name people, channels and dates in words", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);

  await t.step("Assign to…: the person chosen, not <@U…>", async () => {
    const ticket = await openTestTicket(slack);
    const assign = (assignee: string) =>
      submitView(
        updateTicket,
        viewSubmissionContext(slack, {
          callbackId: ASSIGN_VIEW_CALLBACK_ID,
          functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
          executionId: "Fx0ASSIGN",
          user: PEOPLE.agent,
          privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
          values: {
            assignee: {
              assignee: { type: "users_select", selected_user: assignee },
            },
          },
        }),
      );
    const notAgent = await assign(PEOPLE.bystander);
    assert.equal(
      notAgent.errors.assignee,
      `The person you chose is not a Helpdesk agent, so ${ticket.key} can't be assigned to them. An admin can add agents with the "Configure Helpdesk" shortcut.`,
    );
    await assign(PEOPLE.otherAgent);
    const again = await assign(PEOPLE.otherAgent);
    assert.equal(
      again.errors.assignee,
      `${ticket.key} is already assigned to the person you chose.`,
    );
  });

  await t.step("Deny…: who decided and when, in words", async () => {
    const ticket = await openLaptop(slack);
    await click(slack, ticket.id, "approve", ROLE_PEOPLE.superuser);
    const late = await submitDenial(
      slack,
      ticket.id,
      ROLE_PEOPLE.superuser,
      "too late",
    );
    assert.match(
      late.errors.reason,
      new RegExp(
        `^${ticket.key} was already approved by you on \\d{1,2} [A-Z][a-z]{2} \\d{4} at \\d\\d:\\d\\d UTC\\. Nothing changed\\.$`,
      ),
    );
    const other = await submitDenial(slack, ticket.id, PEOPLE.bystander, "no");
    assert.doesNotMatch(other.errors.reason, MARKUP);
    assert.match(other.errors.reason, /only the request type's approvers/);
  });

  await t.step("the request form: a channel by its name", async () => {
    await configure(slack);
    slack.fail({ method: "chat.postMessage", error: "is_archived" });
    const answer = await submitView(
      openTicketHandler,
      viewSubmissionContext(slack, {
        callbackId: DETAILS_VIEW,
        functionCallbackId: "open_ticket",
        executionId: "Fx0FORM",
        user: PEOPLE.requester,
        inputs: { interactivity: interactivityOf(PEOPLE.requester) },
        values: {
          summary: { value: { type: "plain_text_input", value: "Help" } },
          priority: {
            value: {
              type: "static_select",
              selected_option: { value: "normal" },
            },
          },
        },
      }),
    );
    const said = answer.errors.summary as string;
    assert.doesNotMatch(said, MARKUP);
    assert.match(said, /#helpdesk-triage is archived/, said);
    assert.ok(slack.workspace.channels.get(TRIAGE));
  });
});
