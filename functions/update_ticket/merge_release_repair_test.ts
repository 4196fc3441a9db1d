// A released ticket whose reopen failed is not left closed as a duplicate
// of a closed ticket: the kept ticket's save marked it owed, and the
// scheduled check reopens it and tells its requester, once. Until then the
// kept card's thread says only that Helpdesk will try again; once the check
// has reopened it, that thread hears so, once.
import assert from "node:assert/strict";
import {
  clientFor,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import {
  failTicketSaves,
  mergedInto,
  mergedPair,
} from "../../dev/testing/merge_actions.ts";
import { shownText } from "../../dev/testing/blocks_read.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { reopenReleased } from "../../use_cases/changes/merged_release.ts";
import { pressSelfSolved } from "../../use_cases/changes/self_solve.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;
const ADA = PEOPLE.admin;

/** Ways the release's reopen of Sam's ticket fails, every time. */
const FAILURES = [
  ["its save fails", failTicketSaves],
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

/** Ways Riley ends the kept ticket, each as update_ticket's button runs it. */
const CLOSERS = [
  [
    "withdrawn",
    async (slack: FakeSlack, id: string) => {
      await click(slack, id, "withdraw", RILEY);
    },
  ],
  [
    "closed with This solved it",
    async (slack: FakeSlack, id: string) => {
      await pressSelfSolved(clientFor(slack), {
        ticketId: id,
        actor: RILEY,
        pointer: "",
      }, "HD-SOLVED1");
    },
  ],
] as const;

for (const [how, failReopen] of FAILURES) {
  for (const [ended, end] of CLOSERS) {
    Deno.test(`a released ticket whose reopen failed (${how}; kept ${ended}) opens at the next check`, async (t) => {
      await using slack = await startFakeSlack();
      const { kept, sams, samsDms } = await mergedPair(slack);
      const released = (text: string) =>
        text.includes(`${sams.key} is open again on its own`);
      const keptThread = () => slack.workspace.repliesTo(TRIAGE, kept.card_ts!);
      const rileysDms = slack.workspace.dmsTo(RILEY).length;

      failReopen(slack, sams.id, sams.card_ts!);
      await end(slack, kept.id);
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

      await t.step(
        "the kept card's thread says Helpdesk will try again, not that it is open",
        () => {
          const said = keptThread().map((r) => r.text);
          assert.ok(!said.some(released), JSON.stringify(said));
          assert.ok(
            !said.some((text) => text.includes("open again on their own")),
          );
          assert.equal(
            said.filter((text) =>
              text.includes(
                `${sams.key} should open again on its own, but Helpdesk could not open it just now and will try again at its next check`,
              )
            ).length,
            1,
            JSON.stringify(said),
          );
        },
      );

      await t.step("Riley is not told that anything of theirs failed", () => {
        const dms = slack.workspace.dmsTo(RILEY).slice(rileysDms)
          .map((d) => d.text);
        assert.ok(
          !dms.some((text) => /didn't show all of it|Try again/.test(text)),
          JSON.stringify(dms),
        );
        assert.ok(!dms.some((text) => text.includes(sams.key)));
      });

      await t.step("the scheduled check reopens it and tells Sam", async () => {
        await run(slack, Math.floor(Date.now() / 1000));
        const b = await storedTicket(slack, sams.id);
        assert.equal(b.status, "new");
        assert.equal(b.merged_into, undefined);
        const dms = slack.workspace.dmsTo(SAM).slice(samsDms);
        assert.equal(dms.length, 1, JSON.stringify(dms.map((d) => d.text)));
        assert.match(dms[0].text, /by the person who opened it/);
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

      await t.step(
        "and only then the kept card's thread hears it is open",
        () => {
          const said = keptThread().map((r) => r.text);
          const due = said.findIndex((text) =>
            text.includes("should open again")
          );
          const open = said.findIndex(released);
          assert.ok(open > due && due >= 0, JSON.stringify(said));
          assert.equal(said.filter(released).length, 1);
        },
      );

      await t.step("another check tells nobody twice", async () => {
        await run(slack, Math.floor(Date.now() / 1000) + 60);
        assert.equal(slack.workspace.dmsTo(SAM).length, samsDms + 1);
        assert.equal(
          slack.workspace.repliesTo(TRIAGE, sams.card_ts!).filter((r) =>
            released(r.text)
          ).length,
          1,
        );
        assert.equal(keptThread().filter((r) => released(r.text)).length, 1);
      });
    });
  }
}

Deno.test("a close that reopens one released ticket and not another says which", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, sams } = await mergedPair(slack);
  const adas = await mergedInto(slack, kept, ADA, "Printer eats paper");
  const keptThread = () =>
    slack.workspace.repliesTo(TRIAGE, kept.card_ts!).map((r) => r.text);
  failTicketSaves(slack, adas.id);
  await click(slack, kept.id, "withdraw", RILEY);
  slack.clearFailures();

  await t.step("Sam's is said open again; Ada's, to be tried again", () => {
    const said = keptThread();
    assert.equal(
      said.filter((text) =>
        text.includes(`so ${sams.key} is open again on its own`)
      )
        .length,
      1,
      JSON.stringify(said),
    );
    assert.ok(!said.some((text) => text.includes(`${adas.key} is open again`)));
    assert.ok(
      said.some((text) =>
        text.includes(`${adas.key} should open again on its own, but`)
      ),
    );
  });

  await t.step("the check tells of Ada's alone, once", async () => {
    await run(slack, Math.floor(Date.now() / 1000));
    assert.equal((await storedTicket(slack, adas.id)).status, "new");
    await run(slack, Math.floor(Date.now() / 1000) + 60);
    const said = keptThread();
    for (const key of [sams.key, adas.key]) {
      assert.equal(
        said.filter((text) => text.includes(`${key} is open again on its own`))
          .length,
        1,
        `${key}: ${JSON.stringify(said)}`,
      );
    }
  });
});

Deno.test("a later release leaves reopenings still owed from before", async () => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  const { kept, sams } = await mergedPair(slack);
  failTicketSaves(slack, sams.id);
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

Deno.test("the kept card's thread hears what reopened though its lock is busy", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, sams } = await mergedPair(slack);
  const told = () =>
    slack.workspace.repliesTo(TRIAGE, kept.card_ts!).filter((r) =>
      r.text.includes(`${sams.key} is open again on its own`)
    ).length;
  // The close takes the kept ticket's lock; settling after the reopens
  // finds it busy.
  let locks = 0;
  slack.fail({
    method: "reactions.add",
    status: 429,
    retryAfterSeconds: 120,
    times: Infinity,
    when: (args) =>
      args.name === LOCK_REACTION && args.timestamp === kept.card_ts &&
      ++locks > 1,
  });
  const rileysDms = slack.workspace.dmsTo(RILEY).length;
  await click(slack, kept.id, "withdraw", RILEY);
  slack.clearFailures();

  await t.step("Sam's is open, and the thread says so", async () => {
    assert.equal((await storedTicket(slack, sams.id)).status, "new");
    assert.ok(locks > 1, "the settle asked for the lock");
    assert.equal((await storedTicket(slack, kept.id)).release_due, true);
    assert.equal(told(), 1);
  });

  await t.step(
    "Riley, whose withdrawal was done, is not asked to retry",
    () => {
      const dms = slack.workspace.dmsTo(RILEY).slice(rileysDms);
      assert.ok(
        !dms.some((d) => /didn't show all of it|Try again/.test(d.text)),
        JSON.stringify(dms.map((d) => d.text)),
      );
    },
  );

  await t.step("the check settles it without saying it again", async () => {
    await run(slack, Math.floor(Date.now() / 1000));
    assert.notEqual((await storedTicket(slack, kept.id)).release_due, true);
    assert.equal(told(), 1);
  });
});
