// A released ticket whose reopen failed is not left closed as a duplicate
// of a closed ticket: the kept ticket's save marked it owed, and the
// scheduled check reopens it and tells its requester, once.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import { shownText } from "../../dev/testing/blocks_read.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { reopenReleased } from "../../use_cases/changes/merged_release.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;
const AVERY = PEOPLE.agent;

/** Sam's ticket's save fails every time. */
function failReopenBySave(slack: FakeSlack, id: string) {
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    times: Infinity,
    when: (args) =>
      args.datastore === "tickets" &&
      (args.item as { id?: string } | undefined)?.id === id,
  });
}

/** Ways the release's reopen of Sam's ticket fails, every time. */
const FAILURES = [
  ["its save fails", failReopenBySave],
  [
    "its lock is refused",
    (slack: FakeSlack, _id: string, cardTs: string) =>
      slack.fail({
        method: "reactions.add",
        status: 429,
        retryAfterSeconds: 120,
        times: Infinity,
        when: (args) =>
          args.name === LOCK_REACTION && args.timestamp === cardTs,
      }),
  ],
] as const;

for (const [how, failReopen] of FAILURES) {
  Deno.test(`a released ticket whose reopen failed (${how}) opens at the next check`, async (t) => {
    await using slack = await startFakeSlack();
    await configure(slack);
    const kept = await openTestTicket(slack);
    const sams = await openTestTicket(slack, {
      requester: SAM,
      summary: "3rd floor printer jams again",
    });
    const merged = await submitPair(slack, "merge", sams.id, AVERY, {
      key: kept.key,
    });
    assert.equal(merged, undefined, JSON.stringify(merged));
    const samsDms = slack.workspace.dmsTo(SAM).length;
    const released = (text: string) =>
      text.includes(`${sams.key} is open again on its own`);

    failReopen(slack, sams.id, sams.card_ts!);
    await click(slack, kept.id, "withdraw", RILEY);
    slack.clearFailures();

    await t.step(
      "right after, Sam's ticket is still closed, Sam untold",
      async () => {
        const b = await storedTicket(slack, sams.id);
        assert.equal(b.status, "closed");
        assert.equal(b.merged_into, kept.id);
        assert.equal(slack.workspace.dmsTo(SAM).length, samsDms);
        const a = await storedTicket(slack, kept.id);
        assert.equal(a.status, "closed");
        assert.equal(a.release_due, true);
        assert.deepEqual(a.released_keys, [sams.key]);
      },
    );

    await t.step("the scheduled check reopens it and tells Sam", async () => {
      await run(slack, Math.floor(Date.now() / 1000));
      const b = await storedTicket(slack, sams.id);
      assert.equal(b.status, "new");
      assert.equal(b.merged_into, undefined);
      const dms = slack.workspace.dmsTo(SAM).slice(samsDms);
      assert.equal(dms.length, 1, JSON.stringify(dms.map((d) => d.text)));
      assert.match(dms[0].text, /was withdrawn by the person who opened it/);
      assert.match(dms[0].text, /is open again on its own/);
      const card = slack.workspace.findMessage(TRIAGE, sams.card_ts!)!;
      assert.doesNotMatch(shownText(card), /Merged into/);
      assert.ok(
        slack.workspace.repliesTo(TRIAGE, sams.card_ts!).some((r) =>
          released(r.text)
        ),
      );
      const a = await storedTicket(slack, kept.id);
      assert.notEqual(a.release_due, true);
    });

    await t.step("another check tells nobody twice", async () => {
      await run(slack, Math.floor(Date.now() / 1000) + 60);
      assert.equal(slack.workspace.dmsTo(SAM).length, samsDms + 1);
      assert.equal(
        slack.workspace.repliesTo(TRIAGE, sams.card_ts!).filter((r) =>
          released(r.text)
        ).length,
        1,
      );
    });
  });
}

Deno.test("a later release leaves reopenings still owed from before", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const kept = await openTestTicket(slack);
  const sams = await openTestTicket(slack, { requester: SAM });
  const merged = await submitPair(slack, "merge", sams.id, AVERY, {
    key: kept.key,
  });
  assert.equal(merged, undefined, JSON.stringify(merged));
  failReopenBySave(slack, sams.id);
  await click(slack, kept.id, "withdraw", RILEY);
  slack.clearFailures();
  // A release that tried none of Sam's ticket (another close's) succeeds.
  const settings = (await getSettings(client))!;
  const keptNow = await storedTicket(slack, kept.id);
  const notShown = await reopenReleased(
    client,
    settings,
    keptNow,
    [],
    Math.floor(Date.now() / 1000),
  );
  assert.deepEqual(notShown, []);
  const after = await storedTicket(slack, kept.id);
  assert.equal(after.release_due, true);
  assert.deepEqual(after.released_keys, [sams.key]);
});
