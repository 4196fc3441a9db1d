import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  AGENT_GROUP,
  clientFor,
  functionContext,
  GENERAL,
  interactivityOf,
  PEOPLE,
  PRIVATE_TRIAGE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { findStoredQueue, putQueue } from "../../slack/storage/queue_store.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";

interface Inputs {
  triage_channel: string;
  agent_users?: string[];
  agent_usergroup?: string;
}

function run(slack: FakeSlack, inputs: Inputs) {
  return handler(functionContext("configure_helpdesk", slack, {
    interactivity: interactivityOf(PEOPLE.admin),
    ...inputs,
  }));
}

Deno.test("configure_helpdesk", async (t) => {
  await using slack = await startFakeSlack();
  slack.workspace.channels.get(TRIAGE)!.members.delete("UHELPDESKBOT");

  await t.step(
    "joins the channel, creates its triggers and saves settings",
    async () => {
      const result = await run(slack, {
        triage_channel: TRIAGE,
        agent_users: [PEOPLE.agent, PEOPLE.agent, PEOPLE.otherAgent],
        agent_usergroup: AGENT_GROUP,
      });
      assert.equal(result.error, undefined);
      assert.ok(
        slack.workspace.channels.get(TRIAGE)!.members.has("UHELPDESKBOT"),
      );

      const settings = (await getSettings(clientFor(slack)))!;
      assert.equal(settings.triage_channel, TRIAGE);
      assert.deepEqual(settings.agent_users, [PEOPLE.agent, PEOPLE.otherAgent]);
      assert.equal(settings.agent_usergroup, AGENT_GROUP);
      assert.equal(settings.workspace_url, "https://helpdesk-test.slack.com/");

      const action = slack.triggers.get(settings.action_trigger_id!)!;
      assert.equal(action.type, "shortcut");
      assert.equal(action.workflow, "#/workflows/update_ticket");
      assert.equal(settings.action_trigger_url, action.shortcut_url);
      const inputs = action.inputs as Record<
        string,
        { customizable?: boolean }
      >;
      assert.equal(inputs.ticket_id.customizable, true);
      assert.equal(inputs.action.customizable, true);

      const [reactions] = slack.triggersFor("card_reaction");
      assert.deepEqual(
        (reactions.event as { channel_ids: string[] }).channel_ids,
        [TRIAGE],
      );

      const rating = slack.triggers.get(settings.rating_trigger_id!)!;
      assert.equal(rating.workflow, "#/workflows/rate_ticket");
      assert.equal(settings.rating_trigger_url, rating.shortcut_url);

      // Four hourly SLA sweeps a quarter of an hour apart, starting soon.
      const sweeps = settings.sweep_trigger_ids!.map((id) =>
        slack.triggers.get(id)!
      );
      assert.equal(sweeps.length, 4);
      const starts = sweeps.map((s) =>
        Date.parse((s.schedule as { start_time: string }).start_time)
      );
      for (const [i, sweep] of sweeps.entries()) {
        assert.equal(sweep.workflow, "#/workflows/service_level_sweep");
        assert.deepEqual((sweep.schedule as { frequency: unknown }).frequency, {
          type: "hourly",
          repeats_every: 1,
        });
        assert.equal(starts[i] % 900_000, 0, "on a quarter hour");
        if (i) assert.equal(starts[i] - starts[i - 1], 900_000);
      }
      assert.ok(starts[0] > Date.now() && starts[0] <= Date.now() + 900_000);

      const digest = slack.triggers.get(settings.digest_trigger_id!)!;
      assert.equal(digest.workflow, "#/workflows/weekly_digest");
      const schedule = digest.schedule as {
        start_time: string;
        timezone: string;
      };
      assert.equal(schedule.timezone, "UTC");
      const start = new Date(schedule.start_time);
      assert.equal(start.getUTCDay(), 1, "a Monday");
      assert.equal(start.getUTCHours(), 9);

      const [notice] = slack.workspace.messagesIn(TRIAGE);
      assert.match(
        notice.text,
        /<@UAGENTONE>, <@UAGENTTWO> and members of <!subteam\^SAGENTS>/,
      );
    },
  );

  await t.step(
    "moving to another channel updates the same triggers",
    async () => {
      const before = (await getSettings(clientFor(slack)))!;
      const [reactionsBefore] = slack.triggersFor("card_reaction");
      await run(slack, {
        triage_channel: GENERAL,
        agent_users: [PEOPLE.agent],
      });
      const after = (await getSettings(clientFor(slack)))!;
      assert.equal(after.triage_channel, GENERAL);
      assert.equal(after.action_trigger_id, before.action_trigger_id);
      assert.equal(
        after.action_trigger_url,
        before.action_trigger_url,
        "old cards keep working",
      );
      const reactionTriggers = slack.triggersFor("card_reaction");
      assert.deepEqual(
        reactionTriggers.map((t) => t.id),
        [reactionsBefore.id],
        "moved, not made again",
      );
      const [reactions] = reactionTriggers;
      assert.deepEqual(
        (reactions.event as { channel_ids: string[] }).channel_ids,
        [GENERAL],
      );
      // Nothing was created twice: every managed trigger was updated.
      assert.equal(after.rating_trigger_id, before.rating_trigger_id);
      assert.deepEqual(after.sweep_trigger_ids, before.sweep_trigger_ids);
      assert.equal(after.digest_trigger_id, before.digest_trigger_id);
      assert.equal(slack.triggers.size, 8);
      assert.equal(after.agent_usergroup, undefined);
    },
  );

  await t.step("a trigger deleted by hand is created again", async () => {
    const before = (await getSettings(clientFor(slack)))!;
    slack.triggers.delete(before.action_trigger_id!);
    await run(slack, { triage_channel: GENERAL, agent_users: [PEOPLE.agent] });
    const after = (await getSettings(clientFor(slack)))!;
    assert.notEqual(after.action_trigger_id, before.action_trigger_id);
    assert.ok(slack.triggers.has(after.action_trigger_id!));
  });
});

Deno.test("configure_helpdesk refuses and keeps the old settings when", async (t) => {
  await using slack = await startFakeSlack();
  await run(slack, { triage_channel: TRIAGE, agent_users: [PEOPLE.agent] });
  const saved = await getSettings(clientFor(slack));
  const adminDms = () => slack.workspace.dmsTo(PEOPLE.admin);

  await t.step("no agents are chosen", async () => {
    const result = await run(slack, { triage_channel: GENERAL });
    assert.match(result.error!, /at least one agent/);
    assert.match(adminDms().at(-1)!.text, /at least one agent/);
  });

  await t.step("the private channel hasn't invited Helpdesk", async () => {
    const result = await run(slack, {
      triage_channel: PRIVATE_TRIAGE,
      agent_users: [PEOPLE.agent],
    });
    assert.match(result.error!, /\/invite @Helpdesk/);
    assert.match(adminDms().at(-1)!.text, /settings were not changed/);
  });

  await t.step("the user group doesn't exist", async () => {
    const result = await run(slack, {
      triage_channel: TRIAGE,
      agent_usergroup: "SGONE",
    });
    assert.match(result.error!, /user group doesn't exist/);
  });

  await t.step(
    "Slack refuses the trigger: the notice is taken back",
    async () => {
      const posted = slack.workspace.messagesIn(GENERAL).length;
      slack.fail({
        method: "workflows.triggers.update",
        error: "internal_error",
      });
      const result = await run(slack, {
        triage_channel: GENERAL,
        agent_users: [PEOPLE.agent],
      });
      assert.match(result.error!, /internal_error/);
      assert.equal(slack.workspace.messagesIn(GENERAL).length, posted);
    },
  );

  assert.deepEqual(await getSettings(clientFor(slack)), saved);
});

Deno.test("configure_helpdesk keeps the default queue's channel and agents, and sets the ticket emoji", async () => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  assert.equal(
    (await run(slack, { triage_channel: TRIAGE, agent_users: [PEOPLE.agent] }))
      .error,
    undefined,
  );
  // An admin edited the default queue as a queue, with an intake channel.
  await putQueue(client, {
    id: DEFAULT_QUEUE_ID,
    name: "Helpdesk",
    triage_channel: TRIAGE,
    intake_channels: [GENERAL],
    owner: PEOPLE.admin,
    members: [PEOPLE.agent],
    admins: ["${owner}"],
    superusers: [PEOPLE.admin],
  });
  const result = await handler(functionContext("configure_helpdesk", slack, {
    interactivity: interactivityOf(PEOPLE.admin),
    triage_channel: GENERAL,
    agent_users: [PEOPLE.otherAgent],
    agent_usergroup: AGENT_GROUP,
    intake_emoji: ":SOS:",
  }));
  assert.equal(result.error, undefined);
  const queue = (await findStoredQueue(client, DEFAULT_QUEUE_ID))!;
  assert.equal(queue.triage_channel, GENERAL);
  assert.deepEqual(queue.members, [PEOPLE.otherAgent, AGENT_GROUP]);
  assert.deepEqual(queue.admins, ["${owner}"], "its other roles stay");
  const settings = (await getSettings(client))!;
  assert.equal(settings.intake_emoji, "sos");
  const [trigger] = slack.triggersFor("message_to_ticket");
  assert.deepEqual((trigger.event as { filter: unknown }).filter, {
    version: 1,
    root: { statement: "{{data.reaction}} == sos" },
  });
  const refused = await handler(functionContext("configure_helpdesk", slack, {
    interactivity: interactivityOf(PEOPLE.admin),
    triage_channel: GENERAL,
    agent_users: [PEOPLE.otherAgent],
    intake_emoji: "admission_tickets",
  }));
  assert.match(refused.error!, /how Helpdesk marks messages/);
  assert.equal((await getSettings(client))!.intake_emoji, "sos");
});
