// A released ticket whose reopen was saved though Slack's answer was lost:
// the close's run took it for a failure and the kept card's thread heard
// that Helpdesk would try again. The scheduled check finds it open, and
// keeps that promise: the kept card's thread, its own card and thread and
// its requester hear what a reopen that answered would have told them,
// once.
import assert from "node:assert/strict";
import {
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import { mergedPair } from "../../dev/testing/merge_actions.ts";
import { shownText } from "../../dev/testing/blocks_read.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;

/**
 * Every save of Sam's ticket lands but answers an error (a timeout after
 * the write), and reading it back after the first fails too: its run
 * cannot tell that it was saved.
 */
function loseReopenAnswer(slack: FakeSlack, id: string) {
  let saved = false;
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    afterEffect: true,
    times: Infinity,
    when: (args) =>
      args.datastore === "tickets" &&
      (args.item as { id?: string } | undefined)?.id === id &&
      (saved = true),
  });
  slack.fail({
    method: "apps.datastore.get",
    error: "internal_error",
    times: Infinity,
    when: (args) => saved && args.datastore === "tickets" && args.id === id,
  });
}

Deno.test("a released ticket reopened with its answer lost is told at the next check", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, sams, samsDms } = await mergedPair(slack);
  const released = (text: string) =>
    text.includes(`${sams.key} is open again on its own`);
  const keptThread = () =>
    slack.workspace.repliesTo(TRIAGE, kept.card_ts!).map((r) => r.text);
  const samsThread = () =>
    slack.workspace.repliesTo(TRIAGE, sams.card_ts!).map((r) => r.text);

  loseReopenAnswer(slack, sams.id);
  await click(slack, kept.id, "withdraw", RILEY);
  slack.clearFailures();

  await t.step(
    "the reopen landed, but only 'will try again' was said",
    async () => {
      const b = await storedTicket(slack, sams.id);
      assert.equal(b.status, "new");
      assert.equal(b.merged_into, undefined);
      assert.equal(slack.workspace.dmsTo(SAM).length, samsDms);
      const said = keptThread();
      assert.ok(!said.some(released), JSON.stringify(said));
      assert.ok(
        said.some((text) => text.includes(`${sams.key} should open again`)),
        JSON.stringify(said),
      );
      assert.ok(!samsThread().some(released));
    },
  );

  await t.step("the check tells everyone it is open, once", async () => {
    await run(slack, Math.floor(Date.now() / 1000));
    const said = keptThread();
    assert.equal(said.filter(released).length, 1, JSON.stringify(said));
    assert.ok(
      said.findIndex(released) >
        said.findIndex((text) => text.includes("should open again")),
    );
    assert.equal(samsThread().filter(released).length, 1);
    const dms = slack.workspace.dmsTo(SAM).slice(samsDms);
    assert.equal(dms.length, 1, JSON.stringify(dms.map((d) => d.text)));
    assert.match(dms[0].text, /was withdrawn by the person who opened it/);
    assert.match(dms[0].text, /is open again on its own/);
    const card = slack.workspace.findMessage(TRIAGE, sams.card_ts!)!;
    assert.doesNotMatch(shownText(card), /Merged into/);
    assert.notEqual((await storedTicket(slack, kept.id)).release_due, true);
  });

  await t.step("another check tells nobody twice", async () => {
    await run(slack, Math.floor(Date.now() / 1000) + 60);
    assert.equal(keptThread().filter(released).length, 1);
    assert.equal(samsThread().filter(released).length, 1);
    assert.equal(slack.workspace.dmsTo(SAM).length, samsDms + 1);
  });
});
