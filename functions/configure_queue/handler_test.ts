import assert from "node:assert/strict";
import {
  AGENT_GROUP,
  clientFor,
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  MEMBER_CHANNEL,
  PEOPLE_INTAKE,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import {
  choose,
  initialAnswers,
  openSettings,
  saveSettings,
  submitSettings,
  type View,
} from "../../dev/testing/settings_forms.ts";
import { findStoredQueue, putQueue } from "../../slack/storage/queue_store.ts";
import { QUEUE_VIEW_CALLBACK_ID } from "./definition.ts";

function addChannel(slack: FakeSlack, id: string, name: string) {
  slack.workspace.channels.set(id, {
    id,
    name,
    is_private: false,
    members: new Set(),
  });
}

const optionsOf = (view: View) =>
  (view.blocks[0].element as {
    options: { value: string; text: { text: string } }[];
  }).options.map((o) => [o.value, o.text.text]);

Deno.test("Configure a queue", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  addChannel(slack, "CFACILITIES", "facilities");

  await t.step(
    "Helpdesk's admin chooses among every queue, or a new one",
    async () => {
      const opened = await openSettings(slack, "queue", PEOPLE.admin);
      assert.ok(opened.opened);
      assert.deepEqual(optionsOf(opened.view), [
        ["new", "A new queue"],
        ["default", "Helpdesk"],
        ["people-team", "People team"],
      ]);
    },
  );

  await t.step(
    "a queue's form opens on what is saved, and saves back the same",
    async () => {
      const opened = await openSettings(slack, "queue", PEOPLE.admin);
      assert.ok(opened.opened);
      const form = await submitSettings(
        slack,
        "queue",
        PEOPLE.admin,
        opened.view,
        { queue: PEOPLE_QUEUE.id },
      );
      assert.equal(form.kind, "update");
      const view = (form as { view: View }).view;
      assert.equal(view.callback_id, QUEUE_VIEW_CALLBACK_ID);
      assert.deepEqual(initialAnswers(view), {
        name: "People team",
        triage_channel: PEOPLE_TRIAGE,
        intake_channels: [PEOPLE_INTAKE],
        owner: ROLE_PEOPLE.owner,
        member_people: [ROLE_PEOPLE.member],
        member_group: AGENT_GROUP,
        member_channels: [MEMBER_CHANNEL],
        admin_people: [ROLE_PEOPLE.admin],
        superuser_people: [ROLE_PEOPLE.superuser],
      });
      const saved = await submitSettings(
        slack,
        "queue",
        PEOPLE.admin,
        view,
        {},
      );
      assert.equal(saved.kind, "done");
      const stored = (await findStoredQueue(clientFor(slack), "people-team"))!;
      const { updated_at: _at, updated_by: _by, ...roles } = stored;
      assert.deepEqual(JSON.parse(JSON.stringify(roles)), PEOPLE_QUEUE);
      assert.equal(stored.updated_by, PEOPLE.admin);
    },
  );

  await t.step(
    "Helpdesk's admin makes a queue; macros are kept as written",
    async () => {
      const from = slack.calls.length;
      const result = await saveSettings(slack, "queue", PEOPLE.admin, {
        name: "Facilities",
        triage_channel: "CFACILITIES",
        intake_channels: [GENERAL],
        owner: PEOPLE.otherAgent,
        member_people: [PEOPLE.agent],
        role_rules: "admins: ${owner}\nsuperusers: ${admins}, <@UQADMIN>",
      }, choose.newQueue);
      assert.equal(result.done, true, JSON.stringify(result));
      const queue = await findStoredQueue(clientFor(slack), "facilities");
      assert.deepEqual(queue?.admins, ["${owner}"]);
      assert.deepEqual(queue?.superusers, ["${admins}", "UQADMIN"]);
      assert.ok(
        slack.workspace.channels.get("CFACILITIES")!.members.has(
          "UHELPDESKBOT",
        ),
      );
      // The intake trigger now watches both queues' intake channels, and
      // the card reactions both triage channels, each in one trigger.
      assert.equal(slack.triggersFor("message_to_ticket").length, 1);
      assert.deepEqual(
        slack.watchedChannels("message_to_ticket"),
        [GENERAL, PEOPLE_INTAKE].sort(),
      );
      assert.deepEqual(
        slack.watchedChannels("card_reaction"),
        ["CFACILITIES", PEOPLE_TRIAGE, TRIAGE].sort(),
      );
      // The form's run ends with the save; the triggers are the next
      // step's (sync_queue_reactions), and so is the confirmation.
      const calls = slack.calls.slice(from).map((c) => c.method);
      const ended = calls.indexOf("functions.completeSuccess");
      assert.ok(ended >= 0);
      assert.ok(calls.indexOf("workflows.triggers.list") > ended);
      assert.ok(calls.lastIndexOf("chat.postMessage") > ended);
      const { outputs } = slack.calls.slice(from).find((c) =>
        c.method === "functions.completeSuccess"
      )!.args as { outputs: Record<string, string> };
      assert.deepEqual(outputs, {
        queue_id: "facilities",
        saved_by: PEOPLE.admin,
      });
      assert.match(
        slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text,
        /^:white_check_mark: Saved\.\n\*Facilities\* queue/,
      );
    },
  );

  await t.step(
    "its owner goes straight to its form, which shows the rules back",
    async () => {
      const opened = await openSettings(slack, "queue", PEOPLE.otherAgent);
      assert.ok(opened.opened);
      assert.equal(opened.view.callback_id, QUEUE_VIEW_CALLBACK_ID);
      const answers = initialAnswers(opened.view);
      assert.equal(answers.name, "Facilities");
      // People in the people pickers; the macros as rules.
      assert.deepEqual(answers.superuser_people, ["UQADMIN"]);
      assert.equal(
        answers.role_rules,
        "admins: ${owner}\nsuperusers: ${admins}",
      );
    },
  );

  await t.step(
    "each problem under its field; nothing saved",
    async () => {
      const before = await findStoredQueue(clientFor(slack), "facilities");
      const result = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        name: "x".repeat(41),
        intake_channels: [PEOPLE_INTAKE],
        owner: undefined,
        member_people: [],
        superuser_people: [],
        role_rules: "boss: <@U1>",
        holidays: "2026-12-25\nsoon",
      });
      assert.equal(result.done, false);
      const { errors } = result as { errors: Record<string, string> };
      assert.deepEqual(Object.keys(errors).sort(), [
        "holidays",
        "intake_channels",
        "member_people",
        "name",
        "role_rules",
      ]);
      assert.match(errors.name, /up to 40 characters/);
      // The channel by its name: field errors are plain text.
      assert.equal(
        errors.intake_channels,
        "#ask-people already takes tickets for the People team queue; a channel can feed one queue.",
      );
      assert.match(errors.role_rules, /“boss: <@U1>”: write a rule as/);
      assert.match(errors.member_people, /needs someone to work it/);
      assert.match(errors.holidays, /"soon" does not start with a date/);
      assert.deepEqual(
        await findStoredQueue(clientFor(slack), "facilities"),
        before,
      );
    },
  );

  await t.step(
    "an unknown macro or a circle of roles is spelled out",
    async () => {
      const unknown = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        role_rules: "admins: ${bosses}",
      });
      assert.match(
        (unknown as { errors: Record<string, string> }).errors.role_rules,
        /\$\{bosses\} is not a role/,
      );
      const result = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        role_rules: "admins: ${superusers}\nsuperusers: ${admins}",
      });
      assert.match(
        (result as { errors: Record<string, string> }).errors.role_rules,
        /in a circle: \$\{superusers\} → \$\{admins\} → \$\{superusers\}/,
      );
    },
  );

  await t.step(
    "renaming keeps the id; a name too close to another is refused",
    async () => {
      const clash = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        name: "people  TEAM!",
      });
      assert.match(
        (clash as { errors: Record<string, string> }).errors.name,
        /too close to the name of the People team queue/,
      );
      const renamed = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        name: "Facilities & Buildings",
      });
      assert.equal(renamed.done, true);
      const queue = (await findStoredQueue(clientFor(slack), "facilities"))!;
      assert.equal(queue.name, "Facilities & Buildings");
      // The old name is free for a new queue, which gets another id.
      const again = await saveSettings(slack, "queue", PEOPLE.admin, {
        name: "Facilities",
        triage_channel: "CFACILITIES",
        owner: PEOPLE.admin,
      }, choose.newQueue);
      assert.equal(again.done, true, JSON.stringify(again));
      assert.equal(
        (await findStoredQueue(clientFor(slack), "facilities-2"))?.name,
        "Facilities",
      );
    },
  );

  await t.step(
    "holidays are kept as typed and move the queue's calendar",
    async () => {
      const before = (await findStoredQueue(clientFor(slack), "facilities"))!;
      const result = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        holidays: "2026-12-26 Boxing Day",
      });
      assert.equal(result.done, true);
      const queue = (await findStoredQueue(clientFor(slack), "facilities"))!;
      assert.equal(queue.holidays, "2026-12-26 Boxing Day");
      assert.ok((queue.sla_updated_at ?? 0) >= (before.updated_at ?? 0));
      assert.match(
        slack.workspace.dmsTo(PEOPLE.otherAgent).at(-1)!.text,
        /• Holidays: 1 holiday/,
      );
    },
  );

  await t.step(
    "the last intake channel gone, the trigger goes too",
    async () => {
      const [{ id: before }] = slack.triggersFor("message_to_ticket");
      const facilities = await saveSettings(slack, "queue", PEOPLE.otherAgent, {
        intake_channels: [],
      });
      assert.equal(facilities.done, true);
      assert.ok(
        slack.triggers.has(before),
        "People team still takes reactions",
      );
      const people = await saveSettings(slack, "queue", ROLE_PEOPLE.superuser, {
        intake_channels: [],
      });
      assert.equal(people.done, true, JSON.stringify(people));
      assert.equal(slack.triggers.has(before), false);
      assert.deepEqual(slack.triggersFor("message_to_ticket"), []);
    },
  );
});

Deno.test("Configure a queue: who may, asked before the form opens and again on save", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);

  await t.step(
    "someone with no queue role is refused before anything opens",
    async () => {
      for (const person of [PEOPLE.requester, ROLE_PEOPLE.member]) {
        const opened = await openSettings(slack, "queue", person);
        assert.equal(opened.opened, false, person);
        assert.match(
          (opened as { told: string }).told,
          /^Only a queue's owner, admins and superusers can change a queue, and Helpdesk's admins \(<@UADMIN>\), who also make new queues\./,
        );
      }
      assert.equal(slack.callsTo("views.open").length, 0);
    },
  );

  await t.step(
    "a queue's admin is offered that queue only, and not a new one",
    async () => {
      const opened = await openSettings(slack, "queue", ROLE_PEOPLE.admin);
      assert.ok(opened.opened);
      assert.equal(opened.view.callback_id, QUEUE_VIEW_CALLBACK_ID);
      assert.equal(initialAnswers(opened.view).name, "People team");
    },
  );

  await t.step(
    "a forged choice (a queue or a new one not offered) is refused",
    async () => {
      // Owner of two queues: they get the choice, without "A new queue".
      await putQueue(clientFor(slack), {
        ...PEOPLE_QUEUE,
        id: "kitchen",
        name: "Kitchen",
        intake_channels: [],
      });
      const opened = await openSettings(slack, "queue", ROLE_PEOPLE.owner);
      assert.ok(opened.opened);
      assert.deepEqual(optionsOf(opened.view).map(([v]) => v), [
        "kitchen",
        "people-team",
      ]);
      const before = await slack.datastores.dump();
      for (const forged of ["new", "default"]) {
        const answer = await submitSettings(
          slack,
          "queue",
          ROLE_PEOPLE.owner,
          opened.view,
          { queue: forged },
        );
        assert.equal(answer.kind, "errors", forged);
        assert.match(
          (answer as { errors: Record<string, string> }).errors.queue,
          /^Nothing was saved: you may not make this change/,
        );
      }
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
        /In the Helpdesk queue, only its owner, admins and superusers, and Helpdesk's admins \(<@UADMIN>\), can change its settings/,
      );
      assert.deepEqual(await slack.datastores.dump(), before);
    },
  );

  await t.step(
    "a form kept open after losing the role is refused on save",
    async () => {
      const opened = await openSettings(slack, "queue", ROLE_PEOPLE.admin);
      assert.ok(opened.opened);
      // Admin of People team and Kitchen now: they choose.
      const form = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.admin,
        opened.view,
        { queue: PEOPLE_QUEUE.id },
      );
      // Helpdesk's admin removes them from the queue meanwhile.
      await putQueue(clientFor(slack), { ...PEOPLE_QUEUE, admins: [] });
      const before = await slack.datastores.dump();
      const answer = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.admin,
        (form as { view: View }).view,
        { admin_people: [ROLE_PEOPLE.admin, PEOPLE.requester] },
      );
      assert.equal(answer.kind, "errors");
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.admin).at(-1)!.text,
        /^The queue was not saved\. In the People team queue, only its owner, admins and superusers/,
      );
      assert.deepEqual(await slack.datastores.dump(), before);
    },
  );
});

Deno.test("Configure a queue: two editors, and Slack failing", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const open = async (person: string) => {
    const opened = await openSettings(slack, "queue", person);
    assert.ok(opened.opened);
    if (opened.view.callback_id === QUEUE_VIEW_CALLBACK_ID) return opened.view;
    const next = await submitSettings(slack, "queue", person, opened.view, {
      queue: PEOPLE_QUEUE.id,
    });
    return (next as { view: View }).view;
  };

  await t.step(
    "a form opened before someone else's save is refused, theirs kept",
    async () => {
      const mine = await open(ROLE_PEOPLE.admin);
      const theirs = await open(ROLE_PEOPLE.owner);
      const first = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        theirs,
        { superuser_people: [ROLE_PEOPLE.superuser, PEOPLE.agent] },
      );
      assert.equal(first.kind, "done");
      const second = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.admin,
        mine,
        { name: "People" },
      );
      assert.equal(second.kind, "errors");
      assert.match(
        (second as { errors: Record<string, string> }).errors.name,
        /Someone else saved the People team queue after you opened this form/,
      );
      const queue = (await findStoredQueue(clientFor(slack), "people-team"))!;
      assert.equal(queue.name, "People team");
      assert.deepEqual(queue.superusers, [ROLE_PEOPLE.superuser, PEOPLE.agent]);
    },
  );

  await t.step(
    "two saves at the same instant: the last one written wins, whole",
    async () => {
      const a = await open(ROLE_PEOPLE.admin);
      const b = await open(ROLE_PEOPLE.owner);
      await Promise.all([
        submitSettings(slack, "queue", ROLE_PEOPLE.admin, a, {
          name: "People A",
          member_people: [PEOPLE.agent],
        }),
        submitSettings(slack, "queue", ROLE_PEOPLE.owner, b, {
          name: "People B",
          member_people: [PEOPLE.otherAgent],
        }),
      ]);
      const queue = (await findStoredQueue(clientFor(slack), "people-team"))!;
      assert.deepEqual(
        queue.members.filter((m) => m.startsWith("U")),
        queue.name === "People A" ? [PEOPLE.agent] : [PEOPLE.otherAgent],
        "never half of each",
      );
    },
  );

  await t.step(
    "a failed save changes nothing and the same form saves on retry",
    async () => {
      const view = await open(ROLE_PEOPLE.owner);
      const before = await findStoredQueue(clientFor(slack), "people-team");
      // Twice: a passing failure is asked again once (see below).
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        times: 2,
      });
      const failed = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        view,
        { name: "People ops" },
      );
      assert.equal(failed.kind, "errors");
      assert.match(
        (failed as { errors: Record<string, string> }).errors.name,
        /^Slack did not say whether the queue was saved\. Slack refused apps\.datastore\.put/,
      );
      assert.deepEqual(
        await findStoredQueue(clientFor(slack), "people-team"),
        before,
      );
      const retried = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        view,
        { name: "People ops" },
      );
      assert.equal(retried.kind, "done");
      assert.equal(
        (await findStoredQueue(clientFor(slack), "people-team"))?.name,
        "People ops",
      );
    },
  );

  await t.step(
    "a save that landed though its answer was lost is saved, told and followed",
    async () => {
      const view = await open(ROLE_PEOPLE.owner);
      const dms = slack.workspace.dmsTo(ROLE_PEOPLE.owner).length;
      // Slack writes the queue, then answers internal_error (a timeout
      // after the write): the person must not hear "not saved" of it, and
      // its new intake channel must be watched.
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        afterEffect: true,
      });
      const saved = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        view,
        { name: "People desk", intake_channels: [PEOPLE_INTAKE, GENERAL] },
      );
      assert.equal(saved.kind, "done");
      assert.equal(
        (await findStoredQueue(clientFor(slack), "people-team"))?.name,
        "People desk",
      );
      const told = slack.workspace.dmsTo(ROLE_PEOPLE.owner).slice(dms);
      assert.equal(told.length, 1);
      assert.match(told[0].text, /^:white_check_mark: Saved\./);
      assert.deepEqual(
        slack.watchedChannels("message_to_ticket"),
        [GENERAL, PEOPLE_INTAKE].sort(),
      );
      // Back as it was, for the steps after.
      const back = await saveSettings(slack, "queue", ROLE_PEOPLE.owner, {
        name: "People ops",
        intake_channels: [PEOPLE_INTAKE],
      });
      assert.equal(back.done, true);
    },
  );

  await t.step(
    "saved but Slack won't end the run: said so, and the same form ends it",
    async () => {
      const view = await open(ROLE_PEOPLE.owner);
      const dms = slack.workspace.dmsTo(ROLE_PEOPLE.owner).length;
      // functions.completeSuccess failing, asked again and failing again:
      // the next step (the reactions, the confirmation) has not run, and a
      // generic error would leave the person believing nothing was saved.
      slack.fail({
        method: "functions.completeSuccess",
        error: "internal_error",
        times: 2,
      });
      const first = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        view,
        { intake_channels: [PEOPLE_INTAKE, GENERAL] },
      );
      assert.equal(first.kind, "errors");
      assert.match(
        (first as { errors: Record<string, string> }).errors.name,
        /^The queue is saved, but Slack didn't close this form, so its reactions don't follow it yet: submit it again to finish\.$/,
      );
      assert.deepEqual(
        (await findStoredQueue(clientFor(slack), "people-team"))
          ?.intake_channels,
        [PEOPLE_INTAKE, GENERAL],
      );
      assert.equal(slack.workspace.dmsTo(ROLE_PEOPLE.owner).length, dms);
      const again = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        view,
        { intake_channels: [PEOPLE_INTAKE, GENERAL] },
      );
      assert.equal(again.kind, "done");
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
        /^:white_check_mark: Saved\./,
      );
      assert.deepEqual(
        slack.watchedChannels("message_to_ticket"),
        [GENERAL, PEOPLE_INTAKE].sort(),
      );
      const back = await saveSettings(slack, "queue", ROLE_PEOPLE.owner, {
        intake_channels: [PEOPLE_INTAKE],
      });
      assert.equal(back.done, true);
    },
  );

  await t.step(
    "a new queue saved but its run not ended: what is said to do ends it",
    async () => {
      addChannel(slack, "CFACILITIES", "facilities");
      const opened = await openSettings(slack, "queue", PEOPLE.admin);
      assert.ok(opened.opened);
      const chosen = await submitSettings(
        slack,
        "queue",
        PEOPLE.admin,
        opened.view,
        { [opened.view.blocks[0].block_id as string]: choose.newQueue },
      );
      const view = (chosen as { view: View }).view;
      slack.fail({
        method: "functions.completeSuccess",
        error: "internal_error",
        times: 2,
      });
      const answers = {
        name: "Facilities",
        triage_channel: "CFACILITIES",
        owner: PEOPLE.otherAgent,
      };
      const first = await submitSettings(
        slack,
        "queue",
        PEOPLE.admin,
        view,
        answers,
      );
      assert.equal(first.kind, "errors");
      assert.ok(await findStoredQueue(clientFor(slack), "facilities"));
      const said = (first as { errors: Record<string, string> }).errors.name;
      // Submitting this form again would make the queue a second time
      // (refused: its name is taken), so the person is sent to the queue.
      assert.match(
        said,
        /^The queue is saved, but Slack didn't close this form, so its reactions don't follow it yet: close it, then save the queue again in Configure a queue\.$/,
      );
      const again = await submitSettings(
        slack,
        "queue",
        PEOPLE.admin,
        view,
        answers,
      );
      assert.equal(again.kind, "errors", "the same form can't finish it");
      const saved = await saveSettings(
        slack,
        "queue",
        PEOPLE.admin,
        {},
        "facilities",
      );
      assert.equal(saved.done, true, JSON.stringify(saved));
      assert.ok(slack.watchedChannels("card_reaction").includes("CFACILITIES"));
    },
  );

  await t.step(
    "saved but the triggers failed: said so, and the next save fixes them",
    async () => {
      const view = await open(ROLE_PEOPLE.owner);
      slack.fail({
        method: "workflows.triggers.list",
        error: "internal_error",
      });
      const saved = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.owner,
        view,
        {
          intake_channels: [PEOPLE_INTAKE, GENERAL],
        },
      );
      assert.equal(saved.kind, "done");
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
        /Saved\.[\s\S]*:warning: Its :ticket: and card reactions may not follow it yet/,
      );
      assert.deepEqual(slack.watchedChannels("message_to_ticket"), [
        PEOPLE_INTAKE,
      ]);
      const again = await saveSettings(slack, "queue", ROLE_PEOPLE.owner, {});
      assert.equal(again.done, true);
      assert.deepEqual(
        slack.watchedChannels("message_to_ticket"),
        [GENERAL, PEOPLE_INTAKE].sort(),
      );
    },
  );
});

Deno.test("Configure a queue asks Slack for each group and channel once, however many queues name them", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  for (let i = 0; i < 20; i++) {
    await putQueue(clientFor(slack), {
      ...PEOPLE_QUEUE,
      id: `queue-${i}`,
      name: `Queue ${i}`,
      intake_channels: [],
      owner: PEOPLE.otherAgent,
      admins: [AGENT_GROUP, MEMBER_CHANNEL],
    });
  }
  slack.clearCalls();
  const opened = await openSettings(slack, "queue", ROLE_PEOPLE.owner);
  assert.ok(opened.opened);
  // usergroups.users.list is Tier 2 (about 20 a minute): one call, not 21.
  assert.equal(slack.callsTo("usergroups.users.list").length, 1);
  assert.equal(slack.callsTo("conversations.members").length, 1);
});
