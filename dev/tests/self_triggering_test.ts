// Helpdesk's own posts and reactions never start its own workflows: the
// triggers it creates leave out its bot user, and the intake step ignores
// its own marks even where old settings name one as the intake emoji.
import assert from "node:assert/strict";
import handler from "../../functions/message_to_ticket/handler.ts";
import {
  clientFor,
  defaultSettings,
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import { configureQueues, PEOPLE_INTAKE } from "../testing/queue_fixtures.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import {
  type FilterNode,
  matchesFilter,
} from "../local/runtime/trigger_filter.ts";
import { messageToTicketTrigger } from "../../triggers/created_by_app/message_to_ticket.ts";
import { requesterMessageTrigger } from "../../triggers/created_by_app/requester_message.ts";
import { cardReactionTrigger } from "../../triggers/created_by_app/card_reaction.ts";
import {
  reactionTargets,
  syncReactionTriggers,
} from "../../use_cases/settings/reaction_triggers.ts";
import { listStoredQueues } from "../../slack/storage/queue_store.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";

const passes = (trigger: object, data: Record<string, unknown>) =>
  matchesFilter(
    (trigger as { event: { filter: { root: FilterNode } } }).event.filter,
    data,
  );

Deno.test("triggers leave out Helpdesk's own posts and reactions", async (t) => {
  await t.step("a person's reaction or reply passes, Helpdesk's not", () => {
    const intake = messageToTicketTrigger(["C1"], "ticket", BOT_USER_ID);
    assert.equal(passes(intake, { reaction: "ticket", user_id: "U1" }), true);
    assert.equal(
      passes(intake, { reaction: "ticket", user_id: BOT_USER_ID }),
      false,
    );
    const replies = requesterMessageTrigger(["C1"], BOT_USER_ID);
    const reply = { thread_ts: "1.0", message_ts: "2.0" };
    assert.equal(passes(replies, { ...reply, user_id: "U1" }), true);
    assert.equal(passes(replies, { ...reply, user_id: BOT_USER_ID }), false);
    assert.equal(passes(replies, { message_ts: "2.0", user_id: "U1" }), false);
    const cards = cardReactionTrigger(["C1"], BOT_USER_ID);
    assert.equal(passes(cards, { reaction: "eyes", user_id: "U1" }), true);
    assert.equal(
      passes(cards, { reaction: "eyes", user_id: BOT_USER_ID }),
      false,
    );
  });

  await t.step(
    "the shards Helpdesk keeps carry its own bot user, from auth.test",
    async () => {
      await using slack = await startFakeSlack();
      await configureQueues(slack);
      const client = clientFor(slack);
      await syncReactionTriggers(
        client,
        async () => reactionTargets(await listStoredQueues(client), "CTRIAGE"),
      );
      const made = [...slack.triggers.values()].filter((t) =>
        t.type === "event"
      );
      assert.equal(made.length, 3, "intake, replies and cards");
      for (const trigger of made) {
        const filter = (trigger.event as { filter: { root: FilterNode } })
          .filter;
        const event = {
          reaction: (trigger.event as { event_type: string }).event_type
              .includes("reaction")
            ? (trigger.workflow.includes("card") ? "eyes" : "ticket")
            : undefined,
          thread_ts: "1.0",
          message_ts: "2.0",
        };
        assert.equal(
          matchesFilter(filter, { ...event, user_id: PEOPLE.requester }),
          true,
          trigger.workflow,
        );
        assert.equal(
          matchesFilter(filter, { ...event, user_id: BOT_USER_ID }),
          false,
          trigger.workflow,
        );
      }
    },
  );
});

Deno.test(
  "a Helpdesk mark saved as the intake emoji before it was refused makes no ticket",
  async () => {
    await using slack = await startFakeSlack();
    await configureQueues(slack);
    await putSettings(
      clientFor(slack),
      defaultSettings({ intake_emoji: "envelope_with_arrow" }),
    );
    const said = slack.workspace.postAs(
      PEOPLE.requester,
      PEOPLE_INTAKE,
      "my laptop is broken",
    );
    slack.workspace.react(
      PEOPLE_INTAKE,
      said.ts,
      "envelope_with_arrow",
      BOT_USER_ID,
    );
    slack.clearCalls();
    await handler(functionContext("message_to_ticket", slack, {
      channel: PEOPLE_INTAKE,
      message_ts: said.ts,
      message_link: slack.workspace.permalink(PEOPLE_INTAKE, said.ts),
      reaction: "envelope_with_arrow",
      user: BOT_USER_ID,
    }));
    const dump = await slack.datastores.dump();
    assert.equal((dump.tickets ?? []).length, 0);
    assert.deepEqual(
      slack.calls.map((c) => c.method).filter((m) =>
        !m.startsWith("functions.")
      ),
      [],
      "not one call: the run stops before reading anything",
    );
  },
);
