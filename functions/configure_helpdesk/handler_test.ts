import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  AGENT_GROUP,
  clientFor,
  functionContext,
  GENERAL,
  PEOPLE,
  PRIVATE_TRIAGE,
  startFakeSlack,
  TRIAGE,
} from "../../testing/harness.ts";
import type { FakeSlack } from "../../testing/fake_slack/server.ts";
import { getSettings } from "../../storage/settings_store.ts";

interface Inputs {
  triage_channel: string;
  agent_users?: string[];
  agent_usergroup?: string;
}

function run(slack: FakeSlack, inputs: Inputs) {
  return handler(functionContext("configure_helpdesk", slack, {
    admin: PEOPLE.admin,
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

      const reactions = slack.triggers.get(settings.reaction_trigger_id!)!;
      assert.deepEqual(
        (reactions.event as { channel_ids: string[] }).channel_ids,
        [TRIAGE],
      );

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
      assert.equal(after.reaction_trigger_id, before.reaction_trigger_id);
      const reactions = slack.triggers.get(after.reaction_trigger_id!)!;
      assert.deepEqual(
        (reactions.event as { channel_ids: string[] }).channel_ids,
        [GENERAL],
      );
      assert.equal(slack.triggers.size, 2);
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
