import assert from "node:assert/strict";
import {
  clientFor,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  COMPLAINT,
  configureQueues,
  LAPTOP,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  choose,
  initialAnswers,
  openSettings,
  saveSettings,
  submitSettings,
  type View,
} from "../../dev/testing/settings_forms.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import {
  getRequestType,
  listRequestTypes,
} from "../../slack/storage/queue_store.ts";
import { TYPE_VIEW_CALLBACK_ID } from "./definition.ts";

/** The picker, then the form for `choice`. */
async function formFor(slack: FakeSlack, user: string, choice: string) {
  const opened = await openSettings(slack, "request_type", user);
  assert.ok(opened.opened, "the picker opened");
  const next = await submitSettings(slack, "request_type", user, opened.view, {
    request_type: choice,
  });
  assert.equal(next.kind, "update", JSON.stringify(next));
  return (next as { view: View }).view;
}

Deno.test("Configure a request type", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const client = clientFor(slack);

  await t.step(
    "the picker groups the types of the queues one may change",
    async () => {
      const opened = await openSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.admin,
      );
      assert.ok(opened.opened);
      const groups = (opened.view.blocks[0].element as {
        option_groups: {
          label: { text: string };
          options: { value: string; text: { text: string } }[];
        }[];
      }).option_groups;
      assert.deepEqual(
        groups.map((g) => [g.label.text, g.options.map((o) => o.value)]),
        [["People team", [
          "new:people-team",
          COMPLAINT.id,
          LAPTOP.id,
        ]]],
      );
    },
  );

  await t.step("a type's form opens on what is saved", async () => {
    const view = await formFor(slack, ROLE_PEOPLE.admin, LAPTOP.id);
    assert.equal(view.callback_id, TYPE_VIEW_CALLBACK_ID);
    assert.deepEqual(initialAnswers(view), {
      name: LAPTOP.name,
      description: LAPTOP.description,
      fields: LAPTOP.fields_spec,
      // Ticked; "Private" and "Remove" open unticked.
      needs_approval: true,
      // What a private ticket's words become in JSM: internal by default.
      private_jsm: "internal",
    });
    // Saved unchanged, it is the same type.
    assert.equal(
      (await submitSettings(slack, "request_type", ROLE_PEOPLE.admin, view, {}))
        .kind,
      "done",
    );
    const saved = (await getRequestType(client, LAPTOP.id))!;
    assert.equal(saved.fields_spec, LAPTOP.fields_spec);
    assert.equal(saved.needs_approval, true);
    assert.equal(saved.updated_by, ROLE_PEOPLE.admin);
  });

  await t.step("each problem under its field, nothing saved", async () => {
    const before = await listRequestTypes(client);
    const result = await saveSettings(
      slack,
      "request_type",
      ROLE_PEOPLE.admin,
      {
        name: "complaint!",
        description: "x".repeat(151),
        fields: "Floor: number",
        needs_approval: true,
        approvers: "${boss}",
      },
      choose.newTypeIn(PEOPLE_QUEUE.id),
    );
    assert.equal(result.done, false);
    const { errors } = result as { errors: Record<string, string> };
    assert.deepEqual(Object.keys(errors).sort(), [
      "approvers",
      "description",
      "fields",
      "name",
    ]);
    assert.match(
      errors.name,
      /too close to the People team queue's request type “Complaint”/,
    );
    assert.match(errors.fields, /“number” is not a field type/);
    assert.match(errors.approvers, /\$\{boss\} is not a role/);
    assert.deepEqual(await listRequestTypes(client), before);
  });

  await t.step("renamed, it keeps its id; removed, it is gone", async () => {
    const renamed = await saveSettings(
      slack,
      "request_type",
      ROLE_PEOPLE.owner,
      {
        name: "MacBook",
      },
      LAPTOP.id,
    );
    assert.equal(renamed.done, true);
    assert.equal((await getRequestType(client, LAPTOP.id))?.name, "MacBook");
    assert.match(
      slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
      /\*MacBook\* in the People team queue/,
    );
    const removed = await saveSettings(
      slack,
      "request_type",
      ROLE_PEOPLE.owner,
      {
        remove: true,
      },
      LAPTOP.id,
    );
    assert.equal(removed.done, true);
    assert.equal(await getRequestType(client, LAPTOP.id), undefined);
    assert.match(
      slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
      /Removed the request type “MacBook”/,
    );
  });

  await t.step("a new type is made with its questions", async () => {
    const made = await saveSettings(slack, "request_type", ROLE_PEOPLE.owner, {
      name: "Access badge",
      fields: "Floor*: select(1, 2, 3)",
      needs_approval: true,
      approvers: "${owner}",
    }, choose.newTypeIn(PEOPLE_QUEUE.id));
    assert.equal(made.done, true, JSON.stringify(made));
    const type = (await getRequestType(client, "people-team/access-badge"))!;
    assert.deepEqual(type.approvers, ["${owner}"]);
    assert.match(
      slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
      /needed, by `\$\{owner\}`/,
    );
  });
});

Deno.test("Configure a request type: a new type saved though Slack's answer was lost", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const view = await formFor(
    slack,
    ROLE_PEOPLE.owner,
    choose.newTypeIn(PEOPLE_QUEUE.id),
  );
  const dms = slack.workspace.dmsTo(ROLE_PEOPLE.owner).length;
  // Written, then answered internal_error (a timeout after the write):
  // "not saved" would be untrue, and the same form again would then be
  // refused for a name its own save took.
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    afterEffect: true,
  });
  const saved = await submitSettings(
    slack,
    "request_type",
    ROLE_PEOPLE.owner,
    view,
    { name: "Parking permit" },
  );
  assert.equal(saved.kind, "done", JSON.stringify(saved));
  assert.ok(
    await getRequestType(clientFor(slack), "people-team/parking-permit"),
  );
  assert.match(
    slack.workspace.dmsTo(ROLE_PEOPLE.owner).slice(dms).at(-1)!.text,
    /^:white_check_mark: Saved\./,
  );
});

Deno.test("Configure a request type: who may, two editors, and Slack failing", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const client = clientFor(slack);

  await t.step(
    "someone with no queue role is refused before it opens",
    async () => {
      const opened = await openSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.member,
      );
      assert.equal(opened.opened, false);
      assert.match(
        (opened as { told: string }).told,
        /^Only a queue's owner, admins and superusers can change its request types, and Helpdesk's admins \(<@UADMIN>\)/,
      );
    },
  );

  await t.step(
    "a type of a queue one may not change, chosen anyway, is refused",
    async () => {
      const opened = await openSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.owner,
      );
      assert.ok(opened.opened);
      const before = await slack.datastores.dump();
      for (const forged of ["new:default", "default/anything"]) {
        const answer = await submitSettings(
          slack,
          "request_type",
          ROLE_PEOPLE.owner,
          opened.view,
          { request_type: forged },
        );
        assert.equal(answer.kind, "errors", forged);
      }
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
        /^The request type was not saved\. In the Helpdesk queue, only its owner/,
      );
      assert.deepEqual(await slack.datastores.dump(), before);
    },
  );

  await t.step(
    "a form opened before someone else's save is refused",
    async () => {
      const mine = await formFor(slack, ROLE_PEOPLE.admin, COMPLAINT.id);
      const theirs = await formFor(slack, ROLE_PEOPLE.owner, COMPLAINT.id);
      assert.equal(
        (await submitSettings(
          slack,
          "request_type",
          ROLE_PEOPLE.owner,
          theirs,
          {
            description: "Theirs",
          },
        )).kind,
        "done",
      );
      const second = await submitSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.admin,
        mine,
        {
          description: "Mine",
        },
      );
      assert.match(
        (second as { errors: Record<string, string> }).errors.name,
        /Someone else saved “Complaint” after you opened this form/,
      );
      assert.equal(
        (await getRequestType(client, COMPLAINT.id))?.description,
        "Theirs",
      );
    },
  );

  await t.step(
    "a failed save changes nothing; the same form saves on retry",
    async () => {
      const view = await formFor(slack, ROLE_PEOPLE.owner, COMPLAINT.id);
      // Twice: a passing failure is asked again once (see below).
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        times: 2,
      });
      const failed = await submitSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.owner,
        view,
        {
          description: "Retried",
        },
      );
      assert.match(
        (failed as { errors: Record<string, string> }).errors.name,
        /^Slack did not say whether the request type was saved\. Slack refused apps\.datastore\.put/,
      );
      assert.equal(
        (await getRequestType(client, COMPLAINT.id))?.description,
        "Theirs",
      );
      const retried = await submitSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.owner,
        view,
        {
          description: "Retried",
        },
      );
      assert.equal(retried.kind, "done");
      assert.equal(
        (await getRequestType(client, COMPLAINT.id))?.description,
        "Retried",
      );
    },
  );

  await t.step(
    "a submission by someone else than who opened it is checked as them",
    async () => {
      const view = await formFor(slack, PEOPLE.admin, COMPLAINT.id);
      const answer = await submitSettings(
        slack,
        "request_type",
        PEOPLE.requester,
        view,
        {
          private: false,
        },
      );
      assert.equal(answer.kind, "errors");
      assert.equal((await getRequestType(client, COMPLAINT.id))?.private, true);
    },
  );
});
