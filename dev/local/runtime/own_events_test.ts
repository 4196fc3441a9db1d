// Slack delivers Helpdesk's own thread replies and reactions as events, like
// anyone's. The local runtime does too, so that a trigger that would start a
// run from Helpdesk's own acts is seen to.
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import { clientFor, startFakeSlack } from "../../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
} from "../../testing/queue_fixtures.ts";
import {
  reactionTargets,
  syncReactionTriggers,
} from "../../../use_cases/settings/reaction_triggers.ts";
import { listStoredQueues } from "../../../slack/storage/queue_store.ts";
import { requesterMessageTrigger } from "../../../triggers/created_by_app/requester_message.ts";
import { slackCall } from "../../../slack/api/slack_call.ts";

Deno.test("Helpdesk's own replies and reactions start none of its runs", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const runtime = new LocalRuntime(slack);
  const client = clientFor(slack);
  await syncReactionTriggers(
    client,
    async () => reactionTargets(await listStoredQueues(client), "CTRIAGE"),
  );
  const asked = slack.workspace.postAs(
    "UREQUESTER",
    PEOPLE_INTAKE,
    "The printer is jammed",
  );
  const helpdeskReplies = () =>
    slackCall(client, "chat.postMessage", {
      channel: PEOPLE_INTAKE,
      thread_ts: asked.ts,
      text: "HD-ABC123 is open",
    });

  await t.step("its reply and its marks: no run", async () => {
    await helpdeskReplies();
    for (const name of ["admission_tickets", "ticket", "eyes"]) {
      await slackCall(client, "reactions.add", {
        channel: PEOPLE_INTAKE,
        timestamp: asked.ts,
        name,
      });
    }
    assert.deepEqual(runtime.ownEventRuns, []);
  });

  await t.step(
    "a trigger made before it left Helpdesk out would start one",
    async () => {
      await slackCall(client, "workflows.triggers.create", {
        ...requesterMessageTrigger([PEOPLE_INTAKE]),
      });
      await helpdeskReplies();
      assert.equal(runtime.ownEventRuns.length, 1);
      await runtime.ownEventRuns[0].done;
    },
  );
});
