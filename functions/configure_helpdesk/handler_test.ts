import assert from "node:assert/strict";
import {
  AGENT_GROUP,
  clientFor,
  GENERAL,
  PEOPLE,
  PRIVATE_TRIAGE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import {
  initialAnswers,
  openSettings,
  saveSettings,
  submitSettings,
  type View,
} from "../../dev/testing/settings_forms.ts";
const HOSTILE_NAME = "<!channel> & <@U123>";
import { BOT_USER_ID } from "../../dev/testing/fake_slack/workspace.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { findStoredQueue, putQueue } from "../../slack/storage/queue_store.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";

function save(slack: FakeSlack, answers: Record<string, unknown>) {
  return saveSettings(slack, "helpdesk", PEOPLE.admin, answers);
}

async function open(
  slack: FakeSlack,
  user: string = PEOPLE.admin,
): Promise<View> {
  const opened = await openSettings(slack, "helpdesk", user);
  assert.ok(opened.opened, "the modal opened");
  return opened.view;
}

Deno.test("configure_helpdesk", async (t) => {
  await using slack = await startFakeSlack();
  slack.workspace.channels.get(TRIAGE)!.members.delete("UHELPDESKBOT");

  await t.step("a fresh install opens on its first admin", async () => {
    const answers = initialAnswers(await open(slack, PEOPLE.otherAgent));
    assert.deepEqual(answers, {
      intake_emoji: "ticket",
      admins: [PEOPLE.otherAgent],
    });
    // Closed without saving: nothing happened.
    assert.equal(await getSettings(clientFor(slack)), undefined);
  });

  await t.step(
    "joins the channel, creates its triggers and saves settings",
    async () => {
      const result = await save(slack, {
        triage_channel: TRIAGE,
        agent_users: [PEOPLE.agent, PEOPLE.agent, PEOPLE.otherAgent],
        agent_usergroup: AGENT_GROUP,
      });
      assert.equal(result.done, true, JSON.stringify(result));
      assert.ok(
        slack.workspace.channels.get(TRIAGE)!.members.has("UHELPDESKBOT"),
      );

      const settings = (await getSettings(clientFor(slack)))!;
      assert.equal(settings.triage_channel, TRIAGE);
      assert.deepEqual(settings.agent_users, [PEOPLE.agent, PEOPLE.otherAgent]);
      assert.equal(settings.agent_usergroup, AGENT_GROUP);
      assert.equal(settings.workspace_url, "https://helpdesk-test.slack.com/");
      assert.deepEqual(settings.admins, [PEOPLE.admin], "the first admin");

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
      assert.equal(slack.callsTo("functions.completeSuccess").length, 1);
    },
  );

  await t.step("it opens again on what is saved", async () => {
    const view = await open(slack);
    assert.deepEqual(initialAnswers(view), {
      triage_channel: TRIAGE,
      agent_users: [PEOPLE.agent, PEOPLE.otherAgent],
      agent_usergroup: AGENT_GROUP,
      intake_emoji: "ticket",
      admins: [PEOPLE.admin],
    });
    // The user group picker lists the workspace's groups by handle.
    const group = view.blocks.find((b) => b.block_id === "agent_usergroup")!;
    assert.deepEqual(
      (group.element as { options: { text: { text: string } }[] }).options
        .map((o) => o.text.text),
      ["@sagents"],
    );
  });

  await t.step(
    "moving to another channel updates the same triggers",
    async () => {
      const before = (await getSettings(clientFor(slack)))!;
      const [reactionsBefore] = slack.triggersFor("card_reaction");
      const result = await save(slack, {
        triage_channel: GENERAL,
        agent_users: [PEOPLE.agent],
        agent_usergroup: undefined,
      });
      assert.equal(result.done, true, JSON.stringify(result));
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
    const result = await save(slack, {});
    assert.equal(result.done, true, JSON.stringify(result));
    const after = (await getSettings(clientFor(slack)))!;
    assert.notEqual(after.action_trigger_id, before.action_trigger_id);
    assert.ok(slack.triggers.has(after.action_trigger_id!));
  });
});

Deno.test("configure_helpdesk: each problem under its field, nothing saved, what was typed kept", async (t) => {
  await using slack = await startFakeSlack();
  assert.equal(
    (await save(slack, { triage_channel: TRIAGE, agent_users: [PEOPLE.agent] }))
      .done,
    true,
  );
  const saved = await getSettings(clientFor(slack));
  const view = await open(slack);
  const views = () => slack.callsTo("views.update").length;

  await t.step("several mistakes at once, each where it belongs", async () => {
    const answer = await submitSettings(slack, "helpdesk", PEOPLE.admin, view, {
      agent_users: [],
      agent_usergroup: undefined,
      intake_emoji: `${HOSTILE_NAME} :(`,
      admins: [PEOPLE.agent],
    });
    assert.equal(answer.kind, "errors");
    const { errors } = answer as { errors: Record<string, string> };
    assert.deepEqual(Object.keys(errors).sort(), [
      "admins",
      "agent_users",
      "intake_emoji",
    ]);
    assert.match(errors.agent_users, /at least one agent/);
    assert.match(errors.admins, /can't remove yourself/);
    // Plain text: what was typed comes back as typed, nothing escaped.
    assert.ok(errors.intake_emoji.startsWith(`“${HOSTILE_NAME} :(”`));
    assert.doesNotMatch(errors.intake_emoji, /&lt;|&amp;/);
    // An error answer keeps the view as the person left it: no redraw.
    assert.equal(views(), 0);
  });

  await t.step("the private channel hasn't invited Helpdesk", async () => {
    const answer = await submitSettings(slack, "helpdesk", PEOPLE.admin, view, {
      triage_channel: PRIVATE_TRIAGE,
    });
    assert.equal(answer.kind, "errors");
    const { errors } = answer as { errors: Record<string, string> };
    assert.deepEqual(Object.keys(errors), ["triage_channel"]);
    // Named in words: Slack shows field errors as plain text.
    // A private channel it was not invited to: it can't name it either.
    assert.match(errors.triage_channel, /can't see that channel/);
    assert.match(errors.triage_channel, /\/invite @Helpdesk/);
  });

  await t.step("the user group doesn't exist", async () => {
    const answer = await submitSettings(slack, "helpdesk", PEOPLE.admin, view, {
      agent_usergroup: "SGONE",
    });
    assert.deepEqual(answer, {
      kind: "errors",
      errors: {
        agent_usergroup:
          "That user group doesn't exist any more (or was disabled). Pick another one, or choose agents by name.",
      },
    });
  });

  await t.step("the ticket emoji is Helpdesk's own mark", async () => {
    const answer = await submitSettings(slack, "helpdesk", PEOPLE.admin, view, {
      intake_emoji: "admission_tickets",
    });
    assert.match(
      (answer as { errors: Record<string, string> }).errors.intake_emoji,
      /how Helpdesk marks messages/,
    );
  });

  await t.step(
    "the ticket lock's and the relay's marks are refused too, in plain words",
    async () => {
      for (
        const [typed, meaning] of [
          [":arrows_counterclockwise:", /locks a ticket while it changes/],
          ["Envelope_With_Arrow", /requester's reply it passed on/],
        ] as const
      ) {
        const before = await getSettings(clientFor(slack));
        const answer = await submitSettings(
          slack,
          "helpdesk",
          PEOPLE.admin,
          view,
          { intake_emoji: typed },
        );
        const error = (answer as { errors: Record<string, string> }).errors
          .intake_emoji;
        assert.match(error, meaning);
        assert.match(error, /its own reaction; choose another emoji\./);
        assert.deepEqual(await getSettings(clientFor(slack)), before);
      }
    },
  );

  await t.step(
    "Slack refuses a trigger: the notice is taken back; saving again works",
    async () => {
      const posted = slack.workspace.messagesIn(TRIAGE).length;
      slack.fail({
        method: "workflows.triggers.update",
        error: "internal_error",
      });
      const failed = await submitSettings(
        slack,
        "helpdesk",
        PEOPLE.admin,
        view,
        { intake_emoji: "sos" },
      );
      assert.equal(failed.kind, "errors");
      assert.match(
        (failed as { errors: Record<string, string> }).errors.triage_channel,
        /may be only partly saved: submit this form again\..*internal_error/,
      );
      assert.equal(slack.workspace.messagesIn(TRIAGE).length, posted);
      assert.deepEqual(await getSettings(clientFor(slack)), saved);
      // The same form, submitted again once Slack answers.
      const retried = await submitSettings(
        slack,
        "helpdesk",
        PEOPLE.admin,
        view,
        { intake_emoji: "sos" },
      );
      assert.equal(retried.kind, "done");
      assert.equal((await getSettings(clientFor(slack)))!.intake_emoji, "sos");
    },
  );
});

Deno.test("configure_helpdesk: a save that landed though its answer was lost", async () => {
  await using slack = await startFakeSlack();
  assert.equal(
    (await save(slack, { triage_channel: TRIAGE, agent_users: [PEOPLE.agent] }))
      .done,
    true,
  );
  const opened = await openSettings(slack, "helpdesk", PEOPLE.admin);
  assert.ok(opened.opened);
  // The settings' put is written, then answered internal_error (a timeout
  // after the write): the form must not say nothing changed.
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    afterEffect: true,
    when: (args) =>
      args.datastore === "settings" &&
      (args.item as { id?: string })?.id === "helpdesk",
  });
  const failed = await submitSettings(
    slack,
    "helpdesk",
    PEOPLE.admin,
    opened.view,
    { intake_emoji: "sos" },
  );
  assert.equal((await getSettings(clientFor(slack)))!.intake_emoji, "sos");
  if (failed.kind === "errors") {
    const said = (failed as { errors: Record<string, string> }).errors
      .triage_channel;
    assert.doesNotMatch(said, /not changed|not saved/);
    assert.match(said, /may be only partly saved: submit this form again/);
  }
  const retried = await submitSettings(
    slack,
    "helpdesk",
    PEOPLE.admin,
    opened.view,
    { intake_emoji: "sos" },
  );
  assert.equal(retried.kind, "done");
});

Deno.test("configure_helpdesk: the wrong person, and two admins at once", async (t) => {
  await using slack = await startFakeSlack();
  assert.equal(
    (await save(slack, {
      triage_channel: TRIAGE,
      agent_users: [PEOPLE.agent],
      admins: [PEOPLE.admin, PEOPLE.otherAgent],
    })).done,
    true,
  );

  await t.step("an agent is refused before the modal opens", async () => {
    const opened = await openSettings(slack, "helpdesk", PEOPLE.agent);
    assert.equal(opened.opened, false);
    assert.match(
      (opened as { told: string }).told,
      /^Only Helpdesk's admins can change Helpdesk's settings: <@UADMIN> and <@UAGENTTWO>\./,
    );
    // Privately: a DM, nothing in any channel.
    assert.equal(slack.callsTo("chat.postEphemeral").length, 0);
  });

  await t.step(
    "a submission from someone else than the admin who opened it is refused",
    async () => {
      // What Slack would send if the form reached another person: the
      // submitter Slack names is who is checked.
      const view = await open(slack);
      const before = await slack.datastores.dump();
      const answer = await submitSettings(
        slack,
        "helpdesk",
        PEOPLE.requester,
        view,
        { admins: [PEOPLE.requester] },
      );
      assert.equal(answer.kind, "errors");
      assert.match(
        (answer as { errors: Record<string, string> }).errors.triage_channel,
        /^Nothing was saved: you may not make this change/,
      );
      assert.match(
        slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
        /Only Helpdesk's admins can change Helpdesk's settings: <@UADMIN> and <@UAGENTTWO>/,
      );
      assert.deepEqual(await slack.datastores.dump(), before);
    },
  );

  await t.step(
    "two admins: the form opened before the other's save is refused",
    async () => {
      const mine = await open(slack);
      const theirs = await open(slack, PEOPLE.otherAgent);
      const first = await submitSettings(
        slack,
        "helpdesk",
        PEOPLE.otherAgent,
        theirs,
        { intake_emoji: "sos" },
      );
      assert.equal(first.kind, "done");
      const second = await submitSettings(
        slack,
        "helpdesk",
        PEOPLE.admin,
        mine,
        {
          triage_channel: GENERAL,
        },
      );
      assert.equal(second.kind, "errors");
      assert.match(
        (second as { errors: Record<string, string> }).errors.triage_channel,
        /Another admin saved Helpdesk's settings after you opened this form/,
      );
      const settings = (await getSettings(clientFor(slack)))!;
      assert.equal(settings.intake_emoji, "sos", "theirs stays");
      assert.equal(settings.triage_channel, TRIAGE);
      // Opened again, it shows their save and goes through.
      const again = await save(slack, { triage_channel: GENERAL });
      assert.equal(again.done, true);
      assert.equal((await getSettings(clientFor(slack)))!.intake_emoji, "sos");
    },
  );

  await t.step(
    "two admins saving at the same instant: one save wins whole",
    async () => {
      const a = await open(slack);
      const b = await open(slack, PEOPLE.otherAgent);
      const [ra, rb] = await Promise.all([
        submitSettings(slack, "helpdesk", PEOPLE.admin, a, {
          intake_emoji: "fire",
          agent_users: [PEOPLE.agent],
        }),
        submitSettings(slack, "helpdesk", PEOPLE.otherAgent, b, {
          intake_emoji: "sos",
          agent_users: [PEOPLE.otherAgent],
        }),
      ]);
      const settings = (await getSettings(clientFor(slack)))!;
      const winner = settings.intake_emoji === "fire" ? "a" : "b";
      // Never a mix of the two forms.
      assert.deepEqual(
        settings.agent_users,
        winner === "a" ? [PEOPLE.agent] : [PEOPLE.otherAgent],
      );
      assert.ok(
        [ra.kind, rb.kind].includes("done"),
        `${ra.kind} ${rb.kind}`,
      );
    },
  );
});

Deno.test("configure_helpdesk keeps the default queue's channel and agents, and sets the ticket emoji", async () => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  assert.equal(
    (await save(slack, { triage_channel: TRIAGE, agent_users: [PEOPLE.agent] }))
      .done,
    true,
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
  const result = await save(slack, {
    triage_channel: GENERAL,
    agent_users: [PEOPLE.otherAgent],
    agent_usergroup: AGENT_GROUP,
    intake_emoji: ":SOS:",
  });
  assert.equal(result.done, true, JSON.stringify(result));
  const queue = (await findStoredQueue(client, DEFAULT_QUEUE_ID))!;
  assert.equal(queue.triage_channel, GENERAL);
  assert.deepEqual(queue.members, [PEOPLE.otherAgent, AGENT_GROUP]);
  assert.deepEqual(queue.admins, ["${owner}"], "its other roles stay");
  const settings = (await getSettings(client))!;
  assert.equal(settings.intake_emoji, "sos");
  const [trigger] = slack.triggersFor("message_to_ticket");
  assert.deepEqual((trigger.event as { filter: unknown }).filter, {
    version: 1,
    root: {
      operator: "AND",
      inputs: [
        { statement: "{{data.reaction}} == sos" },
        // Helpdesk's own reactions start no run.
        { statement: `{{data.user_id}} != ${BOT_USER_ID}` },
      ],
    },
  });
});
