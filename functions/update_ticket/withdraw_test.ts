// Withdraw and Reopen from the requester's DM, through update_ticket as
// Slack runs it: a request withdrawn before anyone approved it, and the
// reopen window from Helpdesk's settings.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  click,
  LAPTOP_TEXT,
  openLaptop,
} from "../../dev/testing/queue_actions.ts";
import {
  configureQueues,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { buttonsOf, shownText } from "../../dev/testing/blocks_read.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import handler from "./handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";

const DAY = 86_400;

Deno.test("withdrawn while it waits for approval: the approvers' buttons go, and Approve is refused", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const laptop = await openLaptop(slack);
  const asked = slack.workspace.dmsTo(ROLE_PEOPLE.superuser).at(-1)!;
  assert.deepEqual(buttonsOf(asked), ["request_approve", "request_deny"]);
  // The requester's DM offers Withdraw from the start.
  const waiting = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
  assert.ok(buttonsOf(waiting).includes("requester_withdraw"));

  const result = await click(slack, laptop.id, "withdraw", PEOPLE.requester);
  assert.equal(result.outputs?.status, "closed");
  const withdrawn = await storedTicket(slack, laptop.id);
  assert.equal(withdrawn.close_reason, "withdrawn");
  assert.equal(withdrawn.sla_next_check_at, undefined, "no SLA notice ever");
  const redrawn = slack.workspace.findMessage(asked.channel, asked.ts)!;
  assert.deepEqual(buttonsOf(redrawn), []);
  assert.match(
    shownText(redrawn),
    /withdrew this request before anyone decided/,
  );
  assert.match(shownText(redrawn), new RegExp(LAPTOP_TEXT));

  await click(slack, laptop.id, "approve", ROLE_PEOPLE.superuser);
  assert.match(
    slack.workspace.dmsTo(ROLE_PEOPLE.superuser).at(-1)!.text,
    /was withdrawn by the person who asked for it\. Nothing changed\./,
  );
  assert.deepEqual(await storedTicket(slack, laptop.id), withdrawn);
  assert.equal(slack.workspace.messagesIn(PEOPLE_TRIAGE).length, 0, "no card");
  // And it can't come back past its approval.
  await click(slack, laptop.id, "reopen", PEOPLE.requester);
  assert.match(
    slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
    /withdrawn before approval, so it stays closed/,
  );
});

Deno.test("the reopen window comes from the settings, in the DM and in the rule", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const now = Math.floor(Date.now() / 1000);
  const closedLately = await openTestTicket(slack, {
    status: "resolved",
    assignee: PEOPLE.agent,
    resolved_at: now - 60,
  });
  await click(slack, closedLately.id, "close", PEOPLE.requester);
  const confirmed = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
  assert.match(confirmed.text, /Reopen it within 14 days/);
  assert.deepEqual(buttonsOf(confirmed), ["requester_reopen"]);

  // An admin turns reopening off: the DM says nothing of it, the rule refuses.
  await putSettings(clientFor(slack), defaultSettings({ reopen_days: 0 }));
  const other = await openTestTicket(slack, {
    status: "resolved",
    resolved_at: now - 60,
  });
  await click(slack, other.id, "close", PEOPLE.requester);
  const noReopen = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
  assert.doesNotMatch(noReopen.text, /Reopen/);
  assert.deepEqual(buttonsOf(noReopen), []);
  await click(slack, closedLately.id, "reopen", PEOPLE.requester);
  assert.match(
    slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
    /Closed tickets stay closed here/,
  );
  assert.equal((await storedTicket(slack, closedLately.id)).status, "closed");

  // With a window again, a ticket closed 3 days ago comes back.
  await putSettings(clientFor(slack), defaultSettings({ reopen_days: 7 }));
  const stored = await storedTicket(slack, closedLately.id);
  await putTicket(clientFor(slack), { ...stored, closed_at: now - 3 * DAY });
  await click(slack, closedLately.id, "reopen", PEOPLE.requester);
  assert.equal(
    (await storedTicket(slack, closedLately.id)).status,
    "in_progress",
  );
});

Deno.test("a requester's answer that resumes a waiting ticket is not taken for a reopen", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, {
    status: "waiting_on_requester",
    assignee: PEOPLE.agent,
  });
  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.comment,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0COMMENT1",
      user: PEOPLE.requester,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: "Done" } },
      },
    }),
  );
  assert.equal(answer, undefined);
  assert.equal((await storedTicket(slack, ticket.id)).status, "in_progress");
  const dms = slack.workspace.dmsTo(PEOPLE.requester).map((m) => m.text);
  assert.ok(!dms.some((text) => /You reopened/.test(text)), dms.join("\n"));
});
