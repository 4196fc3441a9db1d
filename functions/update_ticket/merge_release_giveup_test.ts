// A released ticket that keeps failing to reopen is not retried forever:
// refused for good, or still failing after RELEASE_TRIES scheduled checks,
// it is given up, release_due goes, and the kept card's thread (which said
// Helpdesk would try again) and its requester are told the truth, once.
import assert from "node:assert/strict";
import {
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import { mergedPair } from "../../dev/testing/merge_actions.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { RELEASE_TRIES } from "../../use_cases/changes/release_repair.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;

/** Sam's ticket's saves all refused with `error`; how many were asked. */
function refuseSaves(slack: FakeSlack, id: string, error: string) {
  let asked = 0;
  slack.fail({
    method: "apps.datastore.put",
    error,
    times: Infinity,
    when: (args) => {
      const mine = args.datastore === "tickets" &&
        (args.item as { id?: string } | undefined)?.id === id;
      if (mine) asked++;
      return mine;
    },
  });
  return () => asked;
}

const givenUpNote = (key: string) => (text: string) =>
  text.includes(`${key} did not open again on its own after all`);

Deno.test("a released ticket Slack refuses for good is given up at the next check, told once", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, sams, samsDms } = await mergedPair(slack);
  const asked = refuseSaves(slack, sams.id, "restricted_action");
  await click(slack, kept.id, "withdraw", RILEY);
  assert.equal((await storedTicket(slack, kept.id)).release_due, true);
  await run(slack, Math.floor(Date.now() / 1000) + 60);

  await t.step("it stays closed, and nothing is owed any more", async () => {
    const b = await storedTicket(slack, sams.id);
    assert.equal(b.status, "closed");
    assert.equal(b.merged_into, kept.id);
    const a = await storedTicket(slack, kept.id);
    assert.equal(a.status, "closed");
    assert.notEqual(a.release_due, true);
    assert.deepEqual(a.released_keys ?? [], []);
  });

  await t.step("the kept card's thread and Sam hear why", () => {
    const notes = slack.workspace.repliesTo(TRIAGE, kept.card_ts!)
      .filter((r) => givenUpNote(sams.key)(r.text));
    assert.equal(notes.length, 1);
    assert.match(notes[0].text, /Slack refused it \(restricted_action\)/);
    assert.match(notes[0].text, new RegExp(`merged into ${kept.key}`));
    const dms = slack.workspace.dmsTo(SAM).slice(samsDms);
    assert.equal(dms.length, 1, JSON.stringify(dms.map((d) => d.text)));
    assert.match(dms[0].text, /was withdrawn by the person who opened it/);
    assert.match(dms[0].text, /could not open yours again/);
    assert.match(dms[0].text, /It stays closed/);
    assert.doesNotMatch(dms[0].text, /is open again/);
  });

  await t.step("later checks neither try again nor tell again", async () => {
    const tried = asked();
    await run(slack, Math.floor(Date.now() / 1000) + 120);
    await run(slack, Math.floor(Date.now() / 1000) + 180);
    assert.equal(asked(), tried);
    assert.equal(slack.workspace.dmsTo(SAM).length, samsDms + 1);
    assert.equal(
      slack.workspace.repliesTo(TRIAGE, kept.card_ts!)
        .filter((r) => givenUpNote(sams.key)(r.text)).length,
      1,
    );
  });
});

Deno.test("a released ticket still failing after RELEASE_TRIES checks is given up", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, sams, samsDms } = await mergedPair(slack);
  const asked = refuseSaves(slack, sams.id, "internal_error");
  await click(slack, kept.id, "withdraw", RILEY);
  const at = (check: number) => Math.floor(Date.now() / 1000) + 900 * check;

  await t.step(
    "each check before the last tries again, telling nobody",
    async () => {
      for (let check = 1; check < RELEASE_TRIES; check++) {
        const tried = asked();
        await run(slack, at(check));
        assert.ok(asked() > tried, `check ${check} tried`);
        const a = await storedTicket(slack, kept.id);
        assert.equal(a.release_due, true, `owed after check ${check}`);
        assert.equal(a.release_tries, check);
      }
      assert.equal(slack.workspace.dmsTo(SAM).length, samsDms);
      assert.ok(
        !slack.workspace.repliesTo(TRIAGE, kept.card_ts!)
          .some((r) => givenUpNote(sams.key)(r.text)),
      );
    },
  );

  await t.step(
    "the last gives it up and tells the thread and Sam",
    async () => {
      await run(slack, at(RELEASE_TRIES));
      const a = await storedTicket(slack, kept.id);
      assert.notEqual(a.release_due, true);
      assert.deepEqual(a.released_keys ?? [], []);
      assert.equal((await storedTicket(slack, sams.id)).status, "closed");
      const notes = slack.workspace.repliesTo(TRIAGE, kept.card_ts!)
        .filter((r) => givenUpNote(sams.key)(r.text));
      assert.equal(notes.length, 1);
      assert.match(
        notes[0].text,
        new RegExp(`still failed after ${RELEASE_TRIES + 1} tries`),
      );
      const dms = slack.workspace.dmsTo(SAM).slice(samsDms);
      assert.equal(dms.length, 1, JSON.stringify(dms.map((d) => d.text)));
      assert.match(dms[0].text, /could not open yours again/);
    },
  );

  await t.step("after that, no check tries it again", async () => {
    const tried = asked();
    await run(slack, at(RELEASE_TRIES + 1));
    assert.equal(asked(), tried);
    assert.equal(slack.workspace.dmsTo(SAM).length, samsDms + 1);
  });
});
