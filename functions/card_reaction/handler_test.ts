import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CARD_REACTIONS } from "./definition.ts";
import { cardReactionTrigger } from "../../triggers/created_by_app/card_reaction.ts";
import {
  configure,
  functionContext,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** A person's reaction, as Slack stores it and then starts the workflow. */
function react(slack: FakeSlack, ts: string, reaction: string, user: string) {
  if (slack.workspace.findMessage(TRIAGE, ts)) {
    slack.workspace.react(TRIAGE, ts, reaction, user);
  }
  return runStep(slack, ts, reaction, user);
}

/** The step run with these inputs, whether or not anyone reacted. */
function runStep(
  slack: FakeSlack,
  ts: string,
  reaction: string,
  user: string,
) {
  return handler(functionContext("card_reaction", slack, {
    channel: TRIAGE,
    message_ts: ts,
    reaction,
    user,
  }));
}

Deno.test("react_to_card", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  let ticket: Ticket;

  await t.step(":eyes: from an agent claims the ticket", async () => {
    ticket = await openTestTicket(slack);
    await react(slack, ticket.card_ts!, "eyes", PEOPLE.agent);
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.assignee, PEOPLE.agent);
    assert.equal(saved.status, "in_progress");
    assert.equal(slack.callsTo("chat.update").length, 1);
  });

  await t.step(":white_check_mark: from an agent resolves it", async () => {
    await react(slack, ticket.card_ts!, "white_check_mark", PEOPLE.otherAgent);
    assert.equal((await storedTicket(slack, ticket.id)).status, "resolved");
  });

  await t.step(
    "a bystander's reaction is explained and changes nothing",
    async () => {
      const fresh = await openTestTicket(slack);
      await react(slack, fresh.card_ts!, "eyes", PEOPLE.bystander);
      assert.deepEqual(await storedTicket(slack, fresh.id), fresh);
      const [told] = slack.workspace.ephemerals.filter((e) =>
        e.user === PEOPLE.bystander
      );
      assert.equal(told.channel, TRIAGE);
      assert.match(told.text, /Only Helpdesk agents can claim/);
    },
  );

  await t.step(
    "a reaction on a message that is not a card is ignored",
    async () => {
      slack.clearCalls();
      await react(slack, "1700000000.999999", "eyes", PEOPLE.agent);
      assert.deepEqual(slack.calls.map((c) => c.method).sort(), [
        "apps.datastore.get",
        "reactions.get",
      ]);
    },
  );

  await t.step(
    "inputs that name someone who did not react act for nobody",
    async () => {
      // What a workflow built with this step could pass: an agent's id on
      // a card they never reacted to.
      const fresh = await openTestTicket(slack);
      const before = slack.workspace.messages.length;
      for (
        const [reaction, user] of [
          ["eyes", PEOPLE.agent],
          ["white_check_mark", PEOPLE.otherAgent],
          ["eyes", PEOPLE.requester],
        ]
      ) {
        const result = await runStep(slack, fresh.card_ts!, reaction, user);
        assert.deepEqual(result.outputs, {});
      }
      assert.deepEqual(await storedTicket(slack, fresh.id), fresh);
      assert.equal(slack.workspace.messages.length, before, "nobody told");
      assert.equal(slack.callsTo("chat.postEphemeral").length, 0);
      // The same person's real reaction then works.
      await react(slack, fresh.card_ts!, "eyes", PEOPLE.agent);
      assert.equal(
        (await storedTicket(slack, fresh.id)).assignee,
        PEOPLE.agent,
      );
    },
  );

  await t.step("other reactions are ignored without a call", async () => {
    slack.clearCalls();
    await react(slack, ticket.card_ts!, "tada", PEOPLE.agent);
    assert.equal(slack.calls.length, 0);
  });
});

Deno.test("the reaction trigger's filter lets through exactly the card reactions", () => {
  const trigger = cardReactionTrigger([TRIAGE]);
  const root = trigger.event.filter!.root as {
    inputs: { statement: string }[];
  };
  const filtered = root.inputs.map((i) => i.statement.split("==")[1].trim())
    .sort();
  assert.deepEqual(filtered, Object.keys(CARD_REACTIONS).sort());
  assert.deepEqual(trigger.event.channel_ids, [TRIAGE]);
});
