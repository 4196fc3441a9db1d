import assert from "node:assert/strict";
import handler from "./handler.ts";
import configureRequestType from "../configure_request_type/handler.ts";
import {
  clientFor,
  functionContext,
  GENERAL,
  interactivityOf,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { findStoredQueue } from "../../slack/storage/queue_store.ts";

function save(slack: FakeSlack, inputs: Record<string, unknown>) {
  const { admin = PEOPLE.admin, ...fields } = inputs;
  return handler(functionContext("configure_queue", slack, {
    name: "Facilities",
    triage_channel: "CFACILITIES",
    ...fields,
    interactivity: interactivityOf(admin as string),
  }));
}

Deno.test("Configure a queue", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  slack.workspace.channels.set("CFACILITIES", {
    id: "CFACILITIES",
    name: "facilities",
    is_private: false,
    members: new Set(),
  });

  await t.step(
    "Helpdesk's admin makes a queue; macros are kept as written",
    async () => {
      const result = await save(slack, {
        intake_channels: [GENERAL],
        owner: PEOPLE.otherAgent,
        member_people: [PEOPLE.agent],
        role_rules: "admins: ${owner}\nsuperusers: ${admins}, <@UQADMIN>",
      });
      assert.equal(result.error, undefined);
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
      assert.match(slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text, /Saved/);
    },
  );

  await t.step(
    "an unknown or circular macro is refused, saying which",
    async () => {
      const owner = { admin: PEOPLE.otherAgent, owner: PEOPLE.otherAgent };
      const unknown = await save(slack, {
        ...owner,
        role_rules: "admins: ${bosses}",
      });
      assert.match(unknown.error!, /\$\{bosses\} is not a role/);
      const circular = await save(slack, {
        ...owner,
        role_rules: "admins: ${superusers}\nsuperusers: ${admins}",
      });
      assert.match(
        circular.error!,
        /in a circle: \$\{superusers\} → \$\{admins\} → \$\{superusers\}/,
      );
      const queue = await findStoredQueue(clientFor(slack), "facilities");
      assert.deepEqual(queue?.admins, ["${owner}"], "unchanged");
    },
  );

  await t.step(
    "only the queue's owner, admins and superusers change it",
    async () => {
      const refused = await save(slack, { admin: PEOPLE.agent });
      assert.match(
        refused.error!,
        /only its owner, admins and superusers, and Helpdesk's admins \(<@UADMIN>\), can change its settings/,
      );
      const byOwner = await save(slack, {
        admin: PEOPLE.otherAgent,
        owner: PEOPLE.otherAgent,
        member_people: [PEOPLE.agent, PEOPLE.bystander],
      });
      assert.equal(byOwner.error, undefined);
    },
  );

  await t.step("a channel feeds one queue", async () => {
    const result = await save(slack, {
      name: "Security",
      triage_channel: "CFACILITIES",
      intake_channels: [PEOPLE_INTAKE],
      owner: PEOPLE.admin,
    });
    assert.match(
      result.error!,
      /already takes tickets for the People team queue/,
    );
  });

  await t.step(
    "the last intake channel gone, the trigger goes too",
    async () => {
      const [{ id: before }] = slack.triggersFor("message_to_ticket");
      const facilities = await save(slack, {
        admin: PEOPLE.otherAgent,
        owner: PEOPLE.otherAgent,
        member_people: [PEOPLE.agent],
        intake_channels: [],
      });
      assert.equal(facilities.error, undefined);
      assert.ok(
        slack.triggers.has(before),
        "People team still takes reactions",
      );
      const people = await save(slack, {
        name: "People team",
        triage_channel: "CPEOPLETRIAGE",
        admin: ROLE_PEOPLE.superuser,
        owner: ROLE_PEOPLE.owner,
        superuser_people: [ROLE_PEOPLE.superuser],
        intake_channels: [],
      });
      assert.equal(people.error, undefined);
      assert.equal(slack.triggers.has(before), false);
      assert.deepEqual(slack.triggersFor("message_to_ticket"), []);
    },
  );
});

Deno.test("Configure a request type: questions and approvers are checked", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const run = (inputs: Record<string, unknown>) =>
    configureRequestType(functionContext("configure_request_type", slack, {
      queue_name: "People team",
      name: "Access badge",
      interactivity: interactivityOf(ROLE_PEOPLE.admin),
      ...inputs,
    }));
  const bad = await run({
    fields: "Floor: number",
    approvers: "${boss}",
    needs_approval: true,
  });
  assert.match(bad.error!, /“number” is not a field type/);
  assert.match(bad.error!, /\$\{boss\} is not a role/);
  const unknownQueue = await run({ queue_name: "Kitchen" });
  assert.match(
    unknownQueue.error!,
    /no queue called “Kitchen”. The queues are: “Helpdesk”, “People team”/,
  );
  const ok = await run({
    fields: "Floor*: select(1, 2, 3)",
    needs_approval: true,
    approvers: "${owner}",
  });
  assert.equal(ok.outputs?.request_type_id, "people-team/access-badge");
  assert.match(
    slack.workspace.dmsTo(ROLE_PEOPLE.admin).at(-1)!.text,
    /needed, by `\$\{owner\}`/,
  );
  const removed = await run({ remove: true });
  assert.equal(removed.error, undefined);
});
