// Slack's rate limits as Helpdesk meets them: the fake Slack limits each
// method by its tier, the datastore's team_quota_exceeded is a rate limit
// (retried once, then the person is told to try again), and user groups'
// members are read once per run.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../testing/harness.ts";
import { click } from "../testing/queue_actions.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  CONVERSATION_VIEWS,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import {
  isRateLimit,
  slackCall,
  SlackCallError,
} from "../../slack/api/slack_call.ts";
import { TIER_PER_MINUTE } from "../testing/fake_slack/rate_limits.ts";
import { PEOPLE_QUEUE } from "../testing/queue_fixtures.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";

Deno.test("the fake Slack rate-limits each method by its tier", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  slack.limitRates({ windowMs: 1_500 });
  const list = () =>
    slackCall(client, "usergroups.users.list", { usergroup: "SAGENTS" });

  await t.step("Tier 2: 20 calls in its minute, then 429", async () => {
    assert.equal(TIER_PER_MINUTE["usergroups.users.list"], 20);
    for (let i = 0; i < 20; i++) await list();
    const refused = await list().catch((e) => e);
    assert.ok(refused instanceof SlackCallError);
    assert.equal(refused.code, "ratelimited");
    assert.ok(isRateLimit(refused));
    assert.ok(refused.details.retryAfterSeconds! >= 1);
    assert.equal(slack.calls.at(-1)!.status, 429);
  });

  await t.step("other methods keep their own budgets", async () => {
    await slackCall(client, "conversations.members", { channel: "CTRIAGE" });
  });

  await t.step(
    "once the minute has passed, calls go through again",
    async () => {
      await new Promise((r) => setTimeout(r, 1_600));
      await list();
    },
  );
});

Deno.test("team_quota_exceeded is a rate limit: retried once, then the person is told", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const quota = (times: number) =>
    slack.fail({
      method: "apps.datastore.put",
      error: "team_quota_exceeded",
      times,
      when: (args) => args.datastore === "tickets",
    });

  await t.step("refused once: the change is saved on the retry", async () => {
    const ticket = await openTestTicket(slack);
    quota(1);
    await click(slack, ticket.id, "claim", PEOPLE.groupAgent);
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.assignee, PEOPLE.groupAgent);
    const puts = slack.callsTo("apps.datastore.put")
      .filter((c) => c.args.datastore === "tickets");
    assert.equal(puts[0].response.error, "team_quota_exceeded");
    assert.equal(puts[1].response.ok, true);
  });

  await t.step(
    "refused twice: nothing changed, and told to try again",
    async () => {
      const ticket = await openTestTicket(slack);
      quota(2);
      await click(slack, ticket.id, "claim", PEOPLE.groupAgent);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.assignee, undefined);
      const told = [
        ...slack.workspace.ephemerals.map((e) => e.text),
        ...slack.workspace.dmsTo(PEOPLE.groupAgent).map((m) => m.text),
      ];
      assert.ok(
        told.some((text) => /slow down; try again in 1 minute\./.test(text)),
        JSON.stringify(told),
      );
    },
  );
});

Deno.test("a change reads each user group's members once per run", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  await click(slack, ticket.id, "claim", PEOPLE.groupAgent);
  // A member of the agents' user group replies to the requester: the run
  // checks their role, then names the agents who follow the conversation.
  slack.clearCalls();
  const answer = await submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.reply,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0REPLY",
      user: PEOPLE.groupAgent,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: {
          message: { type: "plain_text_input", value: "On my way" },
        },
      },
    }),
  );
  assert.equal(answer, undefined);
  const reads = slack.callsTo("usergroups.users.list")
    .map((c) => c.args.usergroup);
  assert.deepEqual(reads, ["SAGENTS"]);
});

Deno.test("directories of one run share the members they read; runs don't", async () => {
  await using slack = await startFakeSlack();
  const queue = { ...PEOPLE_QUEUE, admins: ["SAGENTS"], members: ["SAGENTS"] };
  const run = clientFor(slack);
  // A run checks a role in one directory, then lists agents in another.
  await new QueueDirectory(run, queue).rolesOf(PEOPLE.groupAgent);
  await new QueueDirectory(run, queue, PEOPLE.requester).agents();
  assert.equal(slack.callsTo("usergroups.users.list").length, 1);
  // The next run (its own client) reads them again: membership changes.
  await new QueueDirectory(clientFor(slack), queue).agents();
  assert.equal(slack.callsTo("usergroups.users.list").length, 2);
});
