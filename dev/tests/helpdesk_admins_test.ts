// Helpdesk's admins over an install's life: the first person to configure a
// fresh install, the list as admins edit it (never dropping the editor), and
// settings saved before there were admins. Then queues: known by id, never
// taken over by a look-alike name, renamed only by an edit of that queue.
import assert from "node:assert/strict";
import {
  clientFor,
  defaultSettings,
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
import {
  choose,
  initialAnswers,
  openSettings,
  type Outcome,
  saveSettings,
} from "../testing/settings_forms.ts";
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

/** What the person was told: a refusal's DM, or the form's errors. */
const said = (outcome: Outcome) =>
  outcome.done
    ? ""
    : [outcome.told, ...Object.values(outcome.errors)].join(" ");

function save(slack: FakeSlack, user: string, admins?: string[]) {
  return saveSettings(slack, "helpdesk", user, {
    triage_channel: TRIAGE,
    agent_users: [PEOPLE.agent],
    ...(admins ? { admins } : {}),
  });
}

const adminsNow = async (slack: FakeSlack) =>
  helpdeskAdmins((await getSettings(clientFor(slack)))!);

Deno.test("Helpdesk's admins, from a fresh install on", async (t) => {
  await using slack = await startFakeSlack();
  const AVERY = PEOPLE.agent;
  const ALEX = PEOPLE.admin;

  await t.step("the first person to configure it is its admin", async () => {
    assert.equal((await save(slack, AVERY)).done, true);
    assert.deepEqual((await getSettings(clientFor(slack)))!.admins, [AVERY]);
    const refused = await save(slack, ALEX);
    assert.equal(refused.done || refused.at, "open", "before the form opens");
    assert.match(
      said(refused),
      /Only Helpdesk's admins can change Helpdesk's settings: <@UAGENTONE>/,
    );
    assert.deepEqual(await adminsNow(slack), [AVERY]);
  });

  await t.step("an admin can't take themselves off the list", async () => {
    const before = await getSettings(clientFor(slack));
    const refused = await save(slack, AVERY, [ALEX]);
    assert.match(said(refused), /can't remove yourself/);
    assert.deepEqual(await getSettings(clientFor(slack)), before);
  });

  await t.step("the form shows the admins, and saving keeps them", async () => {
    assert.equal((await save(slack, AVERY)).done, true);
    assert.deepEqual(await adminsNow(slack), [AVERY]);
  });

  await t.step("admins add admins, who may then remove them", async () => {
    assert.equal((await save(slack, AVERY, [AVERY, ALEX])).done, true);
    assert.deepEqual(await adminsNow(slack), [AVERY, ALEX]);
    assert.equal((await save(slack, ALEX, [ALEX])).done, true);
    assert.deepEqual(await adminsNow(slack), [ALEX]);
    assert.match(said(await save(slack, AVERY)), /Only Helpdesk's/);
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
        said(await save(slack, PEOPLE.agent)),
        /Only Helpdesk's admins .*<@UADMIN> and <@UAGENTTWO>/,
      );
      // The escalation owner saves: the list is now stored as it was.
      assert.equal((await save(slack, PEOPLE.otherAgent)).done, true);
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
      said(await save(slack, PEOPLE.agent)),
      /Only Helpdesk's admins/,
    );
    assert.equal((await save(slack, PEOPLE.admin)).done, true);
  });
});

/** A new queue (Helpdesk's admins only) or the queue `id`, by its form. */
function saveQueue(
  slack: FakeSlack,
  user: string,
  id: string,
  fields: Record<string, unknown>,
) {
  return saveSettings(slack, "queue", user, {
    ...(id === choose.newQueue
      ? {
        triage_channel: PEOPLE_TRIAGE,
        owner: ROLE_PEOPLE.owner,
        member_people: [ROLE_PEOPLE.member],
      }
      : {}),
    ...fields,
  }, id);
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
      (await saveQueue(slack, PEOPLE.admin, choose.newQueue, {
        name: "IT",
        owner: IT_OWNER,
      })).done,
      true,
    );
    const it = (await findStoredQueue(client, "it"))!;
    for (const name of ["it!", "¡IT!", "-IT-", "It?", " it "]) {
      const result = await saveQueue(slack, PEOPLE.admin, choose.newQueue, {
        name,
      });
      assert.match(
        said(result),
        /is too close to the name of the IT queue/,
        name,
      );
    }
    // The people-team queue's owner is never offered IT: their form is
    // their own queue's (a forged choice is refused: configure_queue's tests).
    const opened = await openSettings(slack, "queue", ROLE_PEOPLE.owner);
    assert.ok(opened.opened);
    assert.equal(initialAnswers(opened.view).name, "People team");
    assert.deepEqual(await findStoredQueue(client, "it"), it, "untouched");
  });

  await t.step("a rename edits that queue, by its id", async () => {
    const ticket = await openGeneral(slack);
    const renamed = await saveQueue(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id, {
      name: "People & Culture",
    });
    assert.equal(renamed.done, true, said(renamed));
    const queue = (await findStoredQueue(client, PEOPLE_QUEUE.id))!;
    assert.equal(queue.name, "People & Culture");
    assert.deepEqual(queue.members, PEOPLE_QUEUE.members, "the rest stays");
    assert.equal(ticket.queue_id, PEOPLE_QUEUE.id, "tickets keep their queue");
    // Its request types stay with it, and are edited through it.
    assert.ok(await getRequestType(client, LAPTOP.id));
    const edited = await saveSettings(
      slack,
      "request_type",
      ROLE_PEOPLE.owner,
      { description: "For new starters" },
      LAPTOP.id,
    );
    assert.equal(edited.done, true, said(edited));
    assert.equal(
      (await getRequestType(client, LAPTOP.id))?.description,
      "For new starters",
    );
  });

  await t.step("a new queue never takes a renamed queue's id", async () => {
    assert.equal(
      (await saveQueue(slack, IT_OWNER, "it", { name: "Tech support" })).done,
      true,
    );
    assert.equal(
      (await saveQueue(slack, PEOPLE.admin, choose.newQueue, { name: "IT" }))
        .done,
      true,
    );
    const queues = await listStoredQueues(client);
    assert.equal(queues.find((q) => q.id === "it")!.name, "Tech support");
    assert.equal(queues.find((q) => q.id === "it-2")!.name, "IT");
  });

  await t.step("a rename into another queue's name is refused", async () => {
    const result = await saveQueue(slack, IT_OWNER, "it", {
      name: "people-&-CULTURE",
    });
    // Plain words: the name as typed, not escaped.
    assert.match(
      said(result),
      /too close to the name of the People & Culture queue/,
    );
    assert.equal((await findStoredQueue(client, "it"))!.name, "Tech support");
  });

  await t.step("names in other scripts are queues of their own", async () => {
    for (const name of ["人事", "総務"]) {
      const result = await saveQueue(slack, PEOPLE.admin, choose.newQueue, {
        name,
      });
      assert.equal(result.done, true, said(result));
    }
    const names = (await listStoredQueues(client)).map((q) => q.name);
    assert.ok(names.includes("人事") && names.includes("総務"));
  });
});
