import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  openSettings,
  submitSettings,
} from "../../dev/testing/settings_forms.ts";
import { getErasure } from "../../slack/storage/erasure_store.ts";
import { ERASE_PERSON_BLOCK } from "../../slack/blocks/erasure_messages.ts";
import {
  ERASE_PERSON_CONFIRM_VIEW,
  ERASE_PERSON_PICK_VIEW,
} from "./definition.ts";

Deno.test("Erase a person, through its modals", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const client = clientFor(slack);

  await t.step(
    "anyone but Helpdesk's admins is told no, privately",
    async () => {
      for (const user of [PEOPLE.agent, PEOPLE.requester]) {
        const opened = await openSettings(slack, "erase_person", user);
        assert.equal(opened.opened, false);
        if (!opened.opened) assert.match(opened.told, /Only Helpdesk's admins/);
      }
    },
  );

  await t.step(
    "an admin picks, sees whom, confirms: recorded for them",
    async () => {
      const opened = await openSettings(slack, "erase_person", PEOPLE.admin);
      assert.ok(opened.opened);
      if (!opened.opened) return;
      assert.equal(opened.view.callback_id, ERASE_PERSON_PICK_VIEW);
      const empty = await submitSettings(
        slack,
        "erase_person",
        PEOPLE.admin,
        opened.view,
        {},
      );
      assert.equal(empty.kind, "errors");
      const next = await submitSettings(
        slack,
        "erase_person",
        PEOPLE.admin,
        opened.view,
        { [ERASE_PERSON_BLOCK]: PEOPLE.bystander },
      );
      assert.equal(next.kind, "update", JSON.stringify(next));
      if (next.kind !== "update") return;
      assert.equal(next.view.callback_id, ERASE_PERSON_CONFIRM_VIEW);
      assert.match(JSON.stringify(next.view.blocks), /<@UBYSTANDER>/);
      // Someone else submitting the confirmation (a forged view) saves nothing.
      const forged = await submitSettings(
        slack,
        "erase_person",
        PEOPLE.agent,
        next.view,
        {},
      );
      assert.equal(forged.kind, "errors");
      assert.equal(await getErasure(client, PEOPLE.bystander), undefined);
      const done = await submitSettings(
        slack,
        "erase_person",
        PEOPLE.admin,
        next.view,
        {},
      );
      assert.equal(done.kind, "done");
      const erasure = await getErasure(client, PEOPLE.bystander);
      assert.equal(erasure?.user, PEOPLE.bystander);
      assert.equal(erasure?.by, PEOPLE.admin);
      assert.equal(erasure?.stage, "open");
      assert.equal(await getErasure(client, PEOPLE.requester), undefined);
      assert.match(
        slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text,
        /erasure of <@UBYSTANDER> starts with the next scheduled run/,
      );
    },
  );
});
