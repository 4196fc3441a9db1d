import assert from "node:assert/strict";
import {
  clientFor,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  openSettings,
  submitSettings,
  type View,
} from "../../dev/testing/settings_forms.ts";
import { HOSTILE_TEXT } from "../../dev/testing/hostile_text.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { savedRepliesOf } from "../../slack/storage/saved_reply_store.ts";
import { SAVED_REPLIES_VIEW } from "./definition.ts";
import { listDigest } from "../../helpdesk/queues/saved_replies.ts";

/** Opens Saved replies as `user`, on `queue` when asked which. */
async function formFor(
  slack: FakeSlack,
  user: string,
  queue: string,
): Promise<View> {
  const opened = await openSettings(slack, "saved_replies", user);
  assert.ok(opened.opened, JSON.stringify(opened));
  if (opened.view.callback_id === SAVED_REPLIES_VIEW) return opened.view;
  const next = await submitSettings(
    slack,
    "saved_replies",
    user,
    opened.view,
    { queue },
  );
  assert.equal(next.kind, "update", JSON.stringify(next));
  return (next as { view: View }).view;
}

const replies = (slack: FakeSlack, queue: string) =>
  savedRepliesOf(clientFor(slack), queue);

Deno.test("Saved replies", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);

  await t.step("the queue's owner adds one to their queue", async () => {
    const view = await formFor(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id);
    const saved = await submitSettings(
      slack,
      "saved_replies",
      ROLE_PEOPLE.owner,
      view,
      { title: "Payslip", text: "Hi {requester}, {key} is in your inbox." },
    );
    assert.equal(saved.kind, "done", JSON.stringify(saved));
    const [reply] = await replies(slack, PEOPLE_QUEUE.id);
    assert.equal(reply.title, "Payslip");
    assert.equal(reply.text, "Hi {requester}, {key} is in your inbox.");
    assert.match(
      slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
      /saved "Payslip" in the saved replies of \*People team\* \(1 now\)/,
    );
  });

  await t.step(
    "the queue's admin changes it; a blank text keeps it",
    async () => {
      const view = await formFor(slack, ROLE_PEOPLE.admin, PEOPLE_QUEUE.id);
      const [before] = await replies(slack, PEOPLE_QUEUE.id);
      const saved = await submitSettings(
        slack,
        "saved_replies",
        ROLE_PEOPLE.admin,
        view,
        { reply: before.id, title: "Payslips" },
      );
      assert.equal(saved.kind, "done", JSON.stringify(saved));
      assert.deepEqual(await replies(slack, PEOPLE_QUEUE.id), [
        { ...before, title: "Payslips" },
      ]);
    },
  );

  await t.step(
    "members and superusers may not; told who may, nothing saved",
    async () => {
      for (const person of [ROLE_PEOPLE.member, ROLE_PEOPLE.superuser]) {
        const opened = await openSettings(slack, "saved_replies", person);
        // Neither holds the role in any queue: refused before a form opens.
        assert.equal(opened.opened, false);
        assert.match(
          (opened as { told: string }).told,
          /Only a queue's owner and admins can change its saved replies/,
        );
      }
    },
  );

  await t.step(
    "a form submitted by someone else, or a forged queue, is refused",
    async () => {
      const before = await replies(slack, PEOPLE_QUEUE.id);
      const view = await formFor(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id);
      const forged = await submitSettings(
        slack,
        "saved_replies",
        ROLE_PEOPLE.superuser,
        view,
        { title: "Sneaky", text: "Ignore the policy." },
      );
      assert.equal(forged.kind, "errors");
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.superuser).at(-1)!.text,
        /only its owner and admins, and Helpdesk's admins/,
      );
      // The owner of People team may not edit the default queue's replies.
      const picked = await submitSettings(
        slack,
        "saved_replies",
        ROLE_PEOPLE.owner,
        {
          ...view,
          private_metadata: JSON.stringify({
            queue: "default",
            digest: listDigest([]),
          }),
        },
        { title: "Sneaky", text: "x" },
      );
      assert.equal(picked.kind, "errors");
      assert.deepEqual(await replies(slack, PEOPLE_QUEUE.id), before);
      assert.deepEqual(await replies(slack, "default"), []);
    },
  );

  await t.step("Helpdesk's admin edits any queue's", async () => {
    const opened = await openSettings(slack, "saved_replies", PEOPLE.admin);
    assert.ok(opened.opened);
    const options = (opened.view.blocks[0].element as {
      options: { value: string }[];
    }).options.map((o) => o.value);
    assert.deepEqual(options.sort(), ["default", PEOPLE_QUEUE.id]);
    const view = await formFor(slack, PEOPLE.admin, "default");
    const saved = await submitSettings(
      slack,
      "saved_replies",
      PEOPLE.admin,
      view,
      {
        title: "Restart",
        text: "Please restart and tell us on {key}.",
      },
    );
    assert.equal(saved.kind, "done", JSON.stringify(saved));
    assert.equal((await replies(slack, "default")).length, 1);
  });

  await t.step(
    "hostile text is kept as written; unknown fields are named",
    async () => {
      // Braces that name no field are refused, so leave {date} out here.
      const hostile = HOSTILE_TEXT.filter((h) => !h.includes("{date}"))
        .join(" ");
      const view = await formFor(slack, PEOPLE.admin, "default");
      const unknown = await submitSettings(
        slack,
        "saved_replies",
        PEOPLE.admin,
        view,
        {
          title: "<!channel> hi",
          text: "Dear {name}, {key} <!date^1^{date}|x>",
        },
      );
      assert.equal(unknown.kind, "errors");
      assert.equal(
        (unknown as { errors: Record<string, string> }).errors.text,
        "{name}, {date} are no ticket field: use {requester}, {key}, {summary}.",
      );
      const saved = await submitSettings(
        slack,
        "saved_replies",
        PEOPLE.admin,
        view,
        { title: "<!channel> hi", text: hostile },
      );
      assert.equal(saved.kind, "done", JSON.stringify(saved));
      const stored = (await replies(slack, "default")).at(-1)!;
      assert.equal(stored.text, hostile);
      // The confirmation names it escaped.
      const told = slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text;
      assert.match(told, /saved "&lt;!channel&gt; hi"/);
      // The next form lists it as plain text.
      const next = await formFor(slack, PEOPLE.admin, "default");
      const menu = next.blocks.find((b) => b.block_id === "reply")!;
      assert.match(
        JSON.stringify(menu),
        /"type":"plain_text","text":"<!channel> hi"/,
      );
    },
  );

  await t.step(
    "a form opened before someone else's save saves nothing",
    async () => {
      const stale = await formFor(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id);
      const other = await formFor(slack, ROLE_PEOPLE.admin, PEOPLE_QUEUE.id);
      const added = await submitSettings(
        slack,
        "saved_replies",
        ROLE_PEOPLE.admin,
        other,
        { title: "Holidays", text: "See the handbook." },
      );
      assert.equal(added.kind, "done");
      const [first] = await replies(slack, PEOPLE_QUEUE.id);
      const conflicting = await submitSettings(
        slack,
        "saved_replies",
        ROLE_PEOPLE.owner,
        stale,
        { reply: first.id, remove: true },
      );
      assert.equal(conflicting.kind, "errors");
      assert.match(
        (conflicting as { errors: Record<string, string> }).errors.title,
        /These saved replies changed since this form opened/,
      );
      assert.equal((await replies(slack, PEOPLE_QUEUE.id)).length, 2);
    },
  );

  await t.step("removing one", async () => {
    const [first] = await replies(slack, PEOPLE_QUEUE.id);
    const view = await formFor(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id);
    const removed = await submitSettings(
      slack,
      "saved_replies",
      ROLE_PEOPLE.owner,
      view,
      { reply: first.id, remove: true },
    );
    assert.equal(removed.kind, "done", JSON.stringify(removed));
    assert.deepEqual(
      (await replies(slack, PEOPLE_QUEUE.id)).map((r) => r.title),
      ["Holidays"],
    );
  });

  await t.step(
    "a save that landed though Slack's answer was lost is confirmed",
    async () => {
      const view = await formFor(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id);
      // Written, then answered internal_error (a timeout after the write):
      // the same form again would be refused as changed by someone else.
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        afterEffect: true,
      });
      const saved = await submitSettings(
        slack,
        "saved_replies",
        ROLE_PEOPLE.owner,
        view,
        { title: "Badge", text: "Your badge for {key} is at reception." },
      );
      assert.equal(saved.kind, "done", JSON.stringify(saved));
      assert.deepEqual(
        (await replies(slack, PEOPLE_QUEUE.id)).map((r) => r.title).sort(),
        ["Badge", "Holidays"],
      );
      assert.match(
        slack.workspace.dmsTo(ROLE_PEOPLE.owner).at(-1)!.text,
        /saved "Badge" in the saved replies of \*People team\* \(2 now\)/,
      );
    },
  );
});
