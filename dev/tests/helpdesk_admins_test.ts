// Helpdesk's admins over an install's life: the first person to configure a
// fresh install, the list as admins edit it (never dropping the editor), and
// settings saved before there were admins. Then queues: known by id, never
// taken over by a look-alike name, renamed only by an edit of that queue.
import assert from "node:assert/strict";
import {
  clientFor,
  defaultSettings,
  functionContext,
  interactivityOf,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import {
  configureQueues,
  LAPTOP,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import configureHelpdesk from "../../functions/configure_helpdesk/handler.ts";
import configureQueue from "../../functions/configure_queue/handler.ts";
import configureRequestType from "../../functions/configure_request_type/handler.ts";
import {
  getSettings,
  putSettings,
} from "../../slack/storage/settings_store.ts";
import {
  findStoredQueue,
  getRequestType,
  listStoredQueues,
} from "../../slack/storage/queue_store.ts";
import { helpdeskAdmins } from "../../helpdesk/helpdesk_admins.ts";
import { openGeneral } from "../testing/queue_actions.ts";

function save(slack: FakeSlack, user: string, admins?: string[]) {
  return configureHelpdesk(functionContext("configure_helpdesk", slack, {
    triage_channel: TRIAGE,
    agent_users: [PEOPLE.agent],
    ...(admins ? { admins } : {}),
    interactivity: interactivityOf(user),
  }));
}

const adminsNow = async (slack: FakeSlack) =>
  helpdeskAdmins((await getSettings(clientFor(slack)))!);

Deno.test("Helpdesk's admins, from a fresh install on", async (t) => {
  await using slack = await startFakeSlack();
  const AVERY = PEOPLE.agent;
  const ALEX = PEOPLE.admin;

  await t.step("the first person to configure it is its admin", async () => {
    assert.equal((await save(slack, AVERY)).error, undefined);
    assert.deepEqual((await getSettings(clientFor(slack)))!.admins, [AVERY]);
    const refused = await save(slack, ALEX);
    assert.match(
      String(refused.error),
      /Only Helpdesk's admins can change Helpdesk's settings: <@UAGENTONE>/,
    );
    assert.deepEqual(await adminsNow(slack), [AVERY]);
  });

  await t.step("an admin can't take themselves off the list", async () => {
    const before = await getSettings(clientFor(slack));
    const refused = await save(slack, AVERY, [ALEX]);
    assert.match(String(refused.error), /can't remove yourself/);
    assert.deepEqual(await getSettings(clientFor(slack)), before);
  });

  await t.step("an empty field keeps the admins", async () => {
    assert.equal((await save(slack, AVERY)).error, undefined);
    assert.deepEqual(await adminsNow(slack), [AVERY]);
  });

  await t.step("admins add admins, who may then remove them", async () => {
    assert.equal((await save(slack, AVERY, [AVERY, ALEX])).error, undefined);
    assert.deepEqual(await adminsNow(slack), [AVERY, ALEX]);
    assert.equal((await save(slack, ALEX, [ALEX])).error, undefined);
    assert.deepEqual(await adminsNow(slack), [ALEX]);
    assert.match(String((await save(slack, AVERY)).error), /Only Helpdesk's/);
  });
});

Deno.test("settings saved before there were admins", async (t) => {
  await t.step(
    "the last to configure and the escalation owner are the admins",
    async () => {
      await using slack = await startFakeSlack();
      await putSettings(
        clientFor(slack),
        defaultSettings({ updated_by: PEOPLE.admin, owner: PEOPLE.otherAgent }),
      );
      const stored = (await getSettings(clientFor(slack)))!;
      assert.equal(stored.admins, undefined, "nothing stored yet");
      assert.deepEqual(helpdeskAdmins(stored), [
        PEOPLE.admin,
        PEOPLE.otherAgent,
      ]);
      assert.match(
        String((await save(slack, PEOPLE.agent)).error),
        /Only Helpdesk's admins .*<@UADMIN> and <@UAGENTTWO>/,
      );
      // The escalation owner saves: the list is now stored as it was.
      assert.equal((await save(slack, PEOPLE.otherAgent)).error, undefined);
      assert.deepEqual((await getSettings(clientFor(slack)))!.admins, [
        PEOPLE.admin,
        PEOPLE.otherAgent,
      ]);
    },
  );

  await t.step("without an owner, the last to configure", async () => {
    await using slack = await startFakeSlack();
    await putSettings(clientFor(slack), defaultSettings());
    assert.deepEqual(await adminsNow(slack), [PEOPLE.admin]);
    assert.match(
      String((await save(slack, PEOPLE.agent)).error),
      /Only Helpdesk's admins/,
    );
    assert.equal((await save(slack, PEOPLE.admin)).error, undefined);
  });
});

function saveQueue(
  slack: FakeSlack,
  user: string,
  fields: { name: string } & Record<string, unknown>,
) {
  return configureQueue(functionContext("configure_queue", slack, {
    triage_channel: PEOPLE_TRIAGE,
    owner: ROLE_PEOPLE.owner,
    member_people: [ROLE_PEOPLE.member],
    ...fields,
    interactivity: interactivityOf(user),
  }));
}

Deno.test("queues are known by id; names never reach another queue", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  await putSettings(
    clientFor(slack),
    defaultSettings({ admins: [PEOPLE.admin] }),
  );
  const client = clientFor(slack);
  const IT_OWNER = PEOPLE.otherAgent;

  await t.step("a look-alike of an existing name is refused", async () => {
    assert.equal(
      (await saveQueue(slack, PEOPLE.admin, { name: "IT", owner: IT_OWNER }))
        .error,
      undefined,
    );
    const it = (await findStoredQueue(client, "it"))!;
    for (const name of ["it!", "¡IT!", "-IT-", "It?"]) {
      const result = await saveQueue(slack, PEOPLE.admin, { name });
      assert.match(
        String(result.error),
        /is too close to the name of the IT queue/,
        name,
      );
    }
    // The people-team queue's owner can't reach IT by any spelling either.
    const outsider = await saveQueue(slack, ROLE_PEOPLE.owner, {
      name: " it ",
      owner: ROLE_PEOPLE.owner,
    });
    assert.match(String(outsider.error), /In the IT queue, only its owner/);
    assert.deepEqual(await findStoredQueue(client, "it"), it, "untouched");
  });

  await t.step("a rename edits that queue, by its id", async () => {
    const ticket = await openGeneral(slack);
    const renamed = await saveQueue(slack, ROLE_PEOPLE.owner, {
      name: "People team",
      new_name: "People & Culture",
      admin_people: [ROLE_PEOPLE.admin],
      superuser_people: [ROLE_PEOPLE.superuser],
    });
    assert.equal(renamed.error, undefined, renamed.error);
    const queue = (await findStoredQueue(client, PEOPLE_QUEUE.id))!;
    assert.equal(queue.name, "People & Culture");
    assert.equal(ticket.queue_id, PEOPLE_QUEUE.id, "tickets keep their queue");
    // Its request types are found under the new name.
    assert.ok(await getRequestType(client, LAPTOP.id));
    const edited = await configureRequestType(
      functionContext("configure_request_type", slack, {
        queue_name: "people & culture",
        name: LAPTOP.name,
        fields: LAPTOP.fields_spec,
        interactivity: interactivityOf(ROLE_PEOPLE.owner),
      }),
    );
    assert.equal(edited.error, undefined, edited.error);
    // The old name now finds nothing.
    const old = await saveQueue(slack, ROLE_PEOPLE.owner, {
      name: "People team",
      new_name: "Anything",
    });
    assert.match(String(old.error), /no queue called “People team” to rename/);
  });

  await t.step("a new queue never takes a renamed queue's id", async () => {
    assert.equal(
      (await saveQueue(slack, IT_OWNER, {
        name: "IT",
        new_name: "Tech support",
        owner: IT_OWNER,
      })).error,
      undefined,
    );
    assert.equal(
      (await saveQueue(slack, PEOPLE.admin, { name: "IT" })).error,
      undefined,
    );
    const queues = await listStoredQueues(client);
    assert.equal(queues.find((q) => q.id === "it")!.name, "Tech support");
    assert.equal(queues.find((q) => q.id === "it-2")!.name, "IT");
  });

  await t.step("a rename into another queue's name is refused", async () => {
    const result = await saveQueue(slack, IT_OWNER, {
      name: "Tech support",
      new_name: "people-&-CULTURE",
      owner: IT_OWNER,
    });
    assert.match(
      String(result.error),
      /too close to the name of the People &amp; Culture queue/,
    );
    assert.equal((await findStoredQueue(client, "it"))!.name, "Tech support");
  });

  await t.step("names in other scripts are queues of their own", async () => {
    for (const name of ["人事", "総務"]) {
      const result = await saveQueue(slack, PEOPLE.admin, { name });
      assert.equal(result.error, undefined, result.error);
    }
    const names = (await listStoredQueues(client)).map((q) => q.name);
    assert.ok(names.includes("人事") && names.includes("総務"));
  });
});
