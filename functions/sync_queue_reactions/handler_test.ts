import assert from "node:assert/strict";
import {
  clientFor,
  functionContext,
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import syncQueueReactions from "./handler.ts";
import { SYNC_QUEUE_REACTIONS_CALLBACK_ID } from "./definition.ts";

/** The step's own confirmation: the queue as saved, read back. */
const SAID_SAVED =
  /^:white_check_mark: Saved\.\n\*People team\* queue: cards in /;
const REACTIONS_WARNING = "\n:warning: Its :ticket: and card reactions";
const lastDm = (slack: FakeSlack) =>
  slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text;

// deno-lint-ignore no-explicit-any
const run = (slack: FakeSlack, inputs: Record<string, unknown>): any =>
  // deno-lint-ignore no-explicit-any
  (syncQueueReactions as any)(
    functionContext(SYNC_QUEUE_REACTIONS_CALLBACK_ID, slack, inputs),
  );

Deno.test("After a queue's save, its reactions follow, then the save is confirmed", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);

  await t.step("a form closed unsaved: nothing is asked or said", async () => {
    slack.clearCalls();
    const dms = slack.workspace.dmsTo(PEOPLE.admin).length;
    const result = await run(slack, {});
    assert.deepEqual(result.outputs, { confirmed: false });
    assert.deepEqual(slack.calls.map((c) => c.method), []);
    assert.equal(slack.workspace.dmsTo(PEOPLE.admin).length, dms);
  });

  await t.step(
    "every queue's channels watched, then what was saved said",
    async () => {
      await putQueue(clientFor(slack), {
        ...PEOPLE_QUEUE,
        intake_channels: [PEOPLE_INTAKE, GENERAL],
      });
      slack.clearCalls();
      const result = await run(slack, {
        queue_id: PEOPLE_QUEUE.id,
        saved_by: PEOPLE.admin,
      });
      assert.deepEqual(result.outputs, { confirmed: true });
      assert.deepEqual(
        slack.watchedChannels("message_to_ticket"),
        [GENERAL, PEOPLE_INTAKE].sort(),
      );
      assert.deepEqual(
        slack.watchedChannels("requester_message"),
        [GENERAL, PEOPLE_INTAKE].sort(),
      );
      assert.deepEqual(
        slack.watchedChannels("card_reaction"),
        [PEOPLE_TRIAGE, TRIAGE].sort(),
      );
      // Told once the triggers are in place, never before.
      const methods = slack.calls.map((c) => c.method);
      assert.equal(methods.at(-1), "chat.postMessage");
      assert.ok(
        methods.lastIndexOf("workflows.triggers.list") <
          methods.indexOf("chat.postMessage"),
      );
      assert.match(lastDm(slack), SAID_SAVED);
      assert.ok(!lastDm(slack).includes(REACTIONS_WARNING));
    },
  );

  await t.step(
    "the triggers refused: the same confirmation says they may not follow, and why",
    async () => {
      slack.fail({
        method: "workflows.triggers.list",
        error: "internal_error",
      });
      const result = await run(slack, {
        queue_id: PEOPLE_QUEUE.id,
        saved_by: PEOPLE.admin,
      });
      assert.deepEqual(result.outputs, { confirmed: true });
      assert.match(lastDm(slack), SAID_SAVED);
      assert.ok(
        lastDm(slack).endsWith(
          `${REACTIONS_WARNING} may not follow it yet: Slack refused workflows.triggers.list (internal_error). Try again, and tell your Slack admin if it keeps happening. Saving any queue again brings them in step.`,
        ),
        lastDm(slack),
      );
    },
  );

  await t.step(
    "triggers that never show the change: not confirmed as following",
    async () => {
      // Slack's list of triggers as it was before this save, whatever is
      // updated meanwhile (a listing that lags, or saves racing this one
      // every round): the sync gives up after its rounds, and the
      // confirmation must not read as if the reactions follow the queue.
      const { triggers } = await slackCall(
        clientFor(slack),
        "workflows.triggers.list",
        { is_owner: true, limit: 200 },
      );
      await putQueue(clientFor(slack), PEOPLE_QUEUE);
      slack.fail({
        method: "workflows.triggers.list",
        answer: { triggers, response_metadata: { next_cursor: "" } },
        times: Infinity,
      });
      await run(slack, {
        queue_id: PEOPLE_QUEUE.id,
        saved_by: PEOPLE.admin,
      });
      slack.clearFailures();
      assert.match(
        slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text,
        /\n:warning: Its :ticket: and card reactions may not follow it yet: .* Saving any queue again brings them in step\.$/,
      );
      await run(slack, {
        queue_id: PEOPLE_QUEUE.id,
        saved_by: PEOPLE.admin,
      });
      assert.match(lastDm(slack), SAID_SAVED);
      assert.ok(!lastDm(slack).includes(REACTIONS_WARNING));
    },
  );

  await t.step(
    "Helpdesk's settings gone since the save: said, nothing watched anew",
    async () => {
      const before = slack.triggersFor("message_to_ticket").map((t) => t.id);
      await slackCall(clientFor(slack), "apps.datastore.delete", {
        datastore: "settings",
        id: "helpdesk",
      });
      await run(slack, {
        queue_id: PEOPLE_QUEUE.id,
        saved_by: PEOPLE.admin,
      });
      assert.ok(
        lastDm(slack).endsWith(
          `${REACTIONS_WARNING} may not follow it yet: ${NOT_CONFIGURED} Saving any queue again brings them in step.`,
        ),
        lastDm(slack),
      );
      assert.deepEqual(
        slack.triggersFor("message_to_ticket").map((t) => t.id),
        before,
      );
    },
  );
});
