// A kept ticket ended by its own requester (Withdraw, or "This solved it"):
// the tickets other people merged into it open again on their own, their
// requesters are told why, and the kept card is no longer for them.
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
import { buttonsOf, shownText } from "../../dev/testing/blocks_read.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { closeAsSelfSolved } from "../../use_cases/changes/self_solve.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;
const AVERY = PEOPLE.agent;

/** Riley's ticket kept, Sam's and Riley's own second report merged into it. */
async function mergedReports(slack: FakeSlack) {
  await configure(slack);
  const kept = await openTestTicket(slack);
  const sams = await openTestTicket(slack, {
    requester: SAM,
    summary: "3rd floor printer jams again",
  });
  const rileysAgain = await openTestTicket(slack, { summary: "Still jams" });
  for (const merged of [sams, rileysAgain]) {
    const answer = await submitPair(slack, "merge", merged.id, AVERY, {
      key: kept.key,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
  }
  return { kept, sams, rileysAgain };
}

for (
  const [how, end, said] of [
    [
      "withdrawn",
      async (slack: FakeSlack, id: string) => {
        await click(slack, id, "withdraw", RILEY);
      },
      /was withdrawn by the person who opened it/,
    ],
    [
      "closed with This solved it",
      async (slack: FakeSlack, id: string) => {
        const done = await closeAsSelfSolved(
          clientFor(slack),
          id,
          "HD-SOLVED1",
          RILEY,
        );
        assert.ok(done.ok, JSON.stringify(done));
      },
      /was closed by the person who opened it/,
    ],
  ] as const
) {
  Deno.test(`a kept ticket ${how} by its requester gives Sam's ticket back`, async (t) => {
    await using slack = await startFakeSlack();
    const { kept, sams, rileysAgain } = await mergedReports(slack);
    const samsDms = slack.workspace.dmsTo(SAM).length;
    await end(slack, kept.id);

    await t.step("Sam's ticket is open again on its own", async () => {
      const b = await storedTicket(slack, sams.id);
      assert.equal(b.status, "new");
      assert.equal(b.merged_into, undefined);
      assert.equal(b.close_reason, undefined);
      const card = slack.workspace.findMessage(TRIAGE, sams.card_ts!)!;
      assert.doesNotMatch(shownText(card), /Merged into/);
      const note = slack.workspace.repliesTo(TRIAGE, sams.card_ts!).at(-1)!
        .text;
      assert.match(
        note,
        new RegExp(`${kept.key}, which ${sams.key} was merged`),
      );
      assert.match(note, said);
      assert.match(note, new RegExp(`so ${sams.key} is open again on its own`));
    });

    await t.step("Riley's own duplicate stays closed with it", async () => {
      const c = await storedTicket(slack, rileysAgain.id);
      assert.equal(c.status, "closed");
      assert.equal(c.merged_into, kept.id);
    });

    await t.step("the kept card is no longer for Sam", async () => {
      const a = await storedTicket(slack, kept.id);
      assert.equal(a.status, "closed");
      assert.equal(a.followers, undefined);
      assert.deepEqual(a.merged_from, [rileysAgain.key]);
      const card = slack.workspace.findMessage(TRIAGE, kept.card_ts!)!;
      assert.doesNotMatch(shownText(card), new RegExp(`<@${SAM}>`));
      assert.ok(
        slack.workspace.repliesTo(TRIAGE, kept.card_ts!).some((r) =>
          r.text.includes(`${sams.key} is open again on its own`)
        ),
      );
    });

    await t.step("Sam is told once, truly, and can act on it", () => {
      const dms = slack.workspace.dmsTo(SAM).slice(samsDms);
      assert.equal(dms.length, 1, JSON.stringify(dms.map((d) => d.text)));
      assert.match(dms[0].text, said);
      assert.match(dms[0].text, /is open again on its own/);
      assert.doesNotMatch(dms[0].text, /is now \*Closed\*/);
      assert.ok(buttonsOf(dms[0]).includes("requester_withdraw"));
    });

    await t.step("and hears his own ticket's news, not Riley's", async () => {
      const before = slack.workspace.dmsTo(SAM).length;
      await click(slack, sams.id, "start", AVERY);
      const dms = slack.workspace.dmsTo(SAM);
      assert.equal(dms.length, before + 1);
      assert.match(dms.at(-1)!.text, new RegExp(sams.key));
    });
  });
}
