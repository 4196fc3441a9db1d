// Merge into…, Unmerge… and Link related… on a card, through update_ticket
// as Slack runs it: who may, what each card, thread and requester sees,
// hostile summaries, two merges at the same instant, and the private rules.
import assert from "node:assert/strict";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { buttonsOf, shownText } from "../../dev/testing/blocks_read.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";

const RILEY = PEOPLE.requester;
const SAM = PEOPLE.bystander;
const AVERY = PEOPLE.agent;

/** Riley's ticket (kept) and Sam's about the same printer (merged). */
async function twoReports(
  slack: FakeSlack,
  sams: Partial<Ticket> = {},
  rileys: Partial<Ticket> = {},
) {
  await configure(slack);
  const kept = await openTestTicket(slack, rileys);
  const merged = await openTestTicket(slack, {
    requester: SAM,
    summary: "3rd floor printer jams again",
    description: "Paper stuck in tray 2.",
    ...sams,
  });
  slack.clearCalls();
  return { kept, merged };
}

function errorsOf(answer: unknown): string {
  return JSON.stringify((answer as { errors?: unknown })?.errors ?? "");
}

Deno.test("Merge into…: the duplicate closes, the kept ticket is for both", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, merged } = await twoReports(slack);

  await t.step(
    "the card offers Merge into…, and the form suggests look-alikes",
    async () => {
      const card = slack.workspace.findMessage(TRIAGE, merged.card_ts!)!;
      assert.ok(buttonsOf(card).includes("ticket_merge"));
      assert.ok(buttonsOf(card).includes("ticket_link"));
      const opened = await click(slack, merged.id, "merge", AVERY);
      assert.equal(opened.completed, false);
      const form = JSON.stringify(slack.callsTo("views.open")[0].args.view);
      assert.match(form, new RegExp(`"value":"${kept.key}"`));
      assert.doesNotMatch(form, new RegExp(`"value":"${merged.key}"`));
    },
  );

  await t.step("sent: both tickets change", async () => {
    const answer = await submitPair(slack, "merge", merged.id, AVERY, {
      chosen: kept.key,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
    const b = await storedTicket(slack, merged.id);
    const a = await storedTicket(slack, kept.id);
    assert.equal(b.status, "closed");
    assert.equal(b.close_reason, "duplicate");
    assert.equal(b.merged_into, kept.id);
    assert.deepEqual(a.merged_from, [merged.key]);
    assert.deepEqual(a.followers, [SAM]);
    assert.equal(a.status, kept.status);
  });

  await t.step("what the cards, threads and Sam show", () => {
    const bCard = slack.workspace.findMessage(TRIAGE, merged.card_ts!)!;
    assert.match(
      shownText(bCard),
      new RegExp(`Merged into <https://[^|]+\\|${kept.key}> as a duplicate`),
    );
    assert.deepEqual(
      buttonsOf(bCard).filter((b) => b.includes("merge")),
      [],
      "a merged ticket merges no more",
    );
    const aCard = slack.workspace.findMessage(TRIAGE, kept.card_ts!)!;
    assert.match(shownText(aCard), new RegExp(`For <@${RILEY}>, <@${SAM}>`));
    assert.ok(buttonsOf(aCard).includes("ticket_unmerge"));
    const note = slack.workspace.repliesTo(TRIAGE, kept.card_ts!).at(-1)!.text;
    assert.match(note, new RegExp(`merged <https://[^|]+\\|${merged.key}>`));
    assert.match(note, /also for <@UBYSTANDER>/);
    assert.match(note, />\*3rd floor printer jams again\*\n>Paper stuck/);
    assert.match(
      slack.workspace.repliesTo(TRIAGE, merged.card_ts!).at(-1)!.text,
      new RegExp(`merged ${merged.key} into <https://[^|]+\\|${kept.key}>`),
    );
    const dm = slack.workspace.dmsTo(SAM).at(-1)!;
    assert.match(dm.text, /agents merged them and closed/);
    assert.match(dm.text, new RegExp(kept.key));
    // No lock is left behind on either card.
    for (const ts of [kept.card_ts!, merged.card_ts!]) {
      const message = slack.workspace.findMessage(TRIAGE, ts)!;
      assert.ok(
        !JSON.stringify(message.reactions ?? []).includes(LOCK_REACTION),
      );
    }
  });

  await t.step("Sam hears the kept ticket's status from then on", async () => {
    const before = slack.workspace.dmsTo(SAM).length;
    await click(slack, kept.id, "start", AVERY);
    await click(slack, kept.id, "resolve", AVERY);
    const dms = slack.workspace.dmsTo(SAM);
    assert.equal(dms.length, before + 2);
    assert.match(dms.at(-2)!.text, /is now \*In progress\*/);
    assert.match(
      dms.at(-1)!.text,
      new RegExp(
        `${kept.key}>, which your ticket was merged into, is now \\*Resolved\\*`,
      ),
    );
    assert.equal((await storedTicket(slack, kept.id)).status, "resolved");
  });

  await t.step(
    "sent again after it was saved: done, nothing twice",
    async () => {
      const replies = slack.workspace.repliesTo(TRIAGE, kept.card_ts!).length;
      const answer = await submitPair(slack, "merge", merged.id, AVERY, {
        key: kept.key,
      });
      assert.equal(answer, undefined);
      assert.equal(
        slack.workspace.repliesTo(TRIAGE, kept.card_ts!).length,
        replies,
      );
      assert.deepEqual((await storedTicket(slack, kept.id)).merged_from, [
        merged.key,
      ]);
    },
  );
});

Deno.test("Merge is refused to the wrong person and for the wrong tickets", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, merged } = await twoReports(slack);
  const unchanged = async () => {
    assert.equal((await storedTicket(slack, merged.id)).merged_into, undefined);
    assert.equal((await storedTicket(slack, kept.id)).merged_from, undefined);
  };
  await t.step("a requester or a bystander can't open the form", async () => {
    for (const person of [SAM, RILEY]) {
      await click(slack, merged.id, "merge", person);
      assert.equal(slack.callsTo("views.open").length, 0);
    }
  });
  await t.step("nor send it", async () => {
    for (const person of [SAM, RILEY]) {
      const answer = await submitPair(slack, "merge", merged.id, person, {
        key: kept.key,
      });
      assert.match(errorsOf(answer), /Only Helpdesk agents/);
    }
    await unchanged();
  });
  await t.step("a key that is no key, none, itself, or missing", async () => {
    const cases: Array<[string, RegExp]> = [
      ["<!channel> HD-1", /not a ticket key/],
      ["", /Type a ticket's key/],
      [merged.key, /with itself/],
      ["HD-ZZZZZZ", /No ticket has the key HD-ZZZZZZ/],
    ];
    for (const [key, reason] of cases) {
      const answer = await submitPair(slack, "merge", merged.id, AVERY, {
        key,
      });
      assert.match(errorsOf(answer), reason);
      assert.doesNotMatch(errorsOf(answer), /<!channel>/);
    }
    await unchanged();
  });
  await t.step("a lower-case key with spaces is still the key", async () => {
    const answer = await submitPair(slack, "merge", merged.id, AVERY, {
      key: ` ${kept.key.toLowerCase()} `,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
  });
  await t.step("never into a closed or a merged ticket", async () => {
    const third = await openTestTicket(slack, { requester: SAM });
    const intoMerged = await submitPair(slack, "merge", third.id, AVERY, {
      key: merged.key,
    });
    assert.match(errorsOf(intoMerged), /was merged into/);
    for (const action of ["start", "resolve", "close"]) {
      await click(slack, kept.id, action, AVERY);
    }
    const intoClosed = await submitPair(slack, "merge", third.id, AVERY, {
      key: kept.key,
    });
    assert.match(errorsOf(intoClosed), /is closed/);
    assert.equal((await storedTicket(slack, third.id)).status, "new");
  });
});

Deno.test("a private ticket merges only with a private one of its queue", async () => {
  await using slack = await startFakeSlack();
  const { kept, merged } = await twoReports(slack, { private: true });
  const answer = await submitPair(slack, "merge", merged.id, AVERY, {
    key: kept.key,
  });
  assert.match(errorsOf(answer), /private ticket goes only/);
  const other = await openTestTicket(slack, {
    requester: SAM,
    private: true,
    summary: "Private printer trouble",
  });
  const both = await submitPair(slack, "merge", merged.id, AVERY, {
    key: other.key,
  });
  assert.equal(both, undefined, JSON.stringify(both));
  // The kept card's thread (in a shared channel) repeats none of its words.
  const note = slack.workspace.repliesTo(TRIAGE, other.card_ts!).at(-1)!.text;
  assert.doesNotMatch(note, /printer jams again|Paper stuck/);
});

Deno.test("hostile summaries stay text in the thread, the card and the DM", async () => {
  await using slack = await startFakeSlack();
  const { kept, merged } = await twoReports(slack, {
    summary: "<!channel> printer <https://evil.example|click> *jam*",
    description: "<@UADMIN> > quoted\n<!here>",
  });
  const answer = await submitPair(slack, "merge", merged.id, AVERY, {
    key: kept.key,
  });
  assert.equal(answer, undefined, JSON.stringify(answer));
  const note = slack.workspace.repliesTo(TRIAGE, kept.card_ts!).at(-1)!.text;
  const dm = slack.workspace.dmsTo(SAM).at(-1)!.text;
  for (const text of [note, dm]) {
    assert.doesNotMatch(text, /<!channel>|<!here>|<https:\/\/evil|<@UADMIN>/);
  }
  assert.match(note, /&lt;!channel&gt; printer/);
});

Deno.test("two merges of one pair at the same instant: one kept, one merged", async (t) => {
  for (const order of ["A into B first", "B into A first"]) {
    await t.step(order, async () => {
      await using slack = await startFakeSlack();
      const { kept: a, merged: b } = await twoReports(slack);
      const intoA = () =>
        submitPair(slack, "merge", b.id, AVERY, { key: a.key });
      const intoB = () =>
        submitPair(slack, "merge", a.id, PEOPLE.otherAgent, { key: b.key });
      const answers = order === "A into B first"
        ? await Promise.all([intoB(), intoA()])
        : await Promise.all([intoA(), intoB()]);
      const [sa, sb] = [
        await storedTicket(slack, a.id),
        await storedTicket(slack, b.id),
      ];
      const merged = [sa, sb].filter((x) => x.merged_into);
      assert.equal(merged.length, 1, JSON.stringify(answers));
      const [gone] = merged;
      const keptOne = gone.id === sa.id ? sb : sa;
      assert.equal(gone.merged_into, keptOne.id);
      assert.equal(keptOne.merged_into, undefined, "no loop");
      assert.deepEqual(keptOne.merged_from, [gone.key]);
      assert.notEqual(keptOne.status, "closed");
      assert.equal(answers.filter((x) => x === undefined).length, 1);
    });
  }
});

Deno.test("Unmerge… gives the merged ticket back while the kept one is open", async (t) => {
  await using slack = await startFakeSlack();
  const { kept, merged } = await twoReports(slack);
  await submitPair(slack, "merge", merged.id, AVERY, { key: kept.key });
  await t.step("not by a requester", async () => {
    const answer = await submitPair(slack, "unmerge", kept.id, RILEY, {
      key: merged.key,
    });
    assert.match(errorsOf(answer), /Only Helpdesk agents/);
  });
  await t.step("by an agent: both as before", async () => {
    const opened = await click(slack, kept.id, "unmerge", AVERY);
    assert.equal(opened.completed, false);
    const answer = await submitPair(slack, "unmerge", kept.id, AVERY, {
      key: merged.key,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
    const a = await storedTicket(slack, kept.id);
    const b = await storedTicket(slack, merged.id);
    assert.equal(b.status, "new");
    assert.equal(b.merged_into, undefined);
    assert.equal(b.close_reason, undefined);
    assert.equal(a.merged_from, undefined);
    assert.equal(a.followers, undefined);
    assert.match(slack.workspace.dmsTo(SAM).at(-1)!.text, /open again/);
    const bCard = slack.workspace.findMessage(TRIAGE, merged.card_ts!)!;
    assert.doesNotMatch(shownText(bCard), /Merged into/);
    assert.ok(buttonsOf(bCard).includes("ticket_merge"));
  });
  await t.step("then Sam no longer hears of the kept ticket", async () => {
    const before = slack.workspace.dmsTo(SAM).length;
    await click(slack, kept.id, "start", AVERY);
    assert.equal(slack.workspace.dmsTo(SAM).length, before);
  });
  await t.step("not once the kept ticket is closed", async () => {
    const again = await submitPair(slack, "merge", merged.id, AVERY, {
      key: kept.key,
    });
    assert.equal(again, undefined, JSON.stringify(again));
    for (const action of ["resolve", "close"]) {
      await click(slack, kept.id, action, AVERY);
    }
    assert.match(
      errorsOf(
        await submitPair(slack, "unmerge", kept.id, AVERY, {
          key: merged.key,
        }),
      ),
      /only while the kept ticket is open/,
    );
    assert.equal((await storedTicket(slack, merged.id)).merged_into, kept.id);
  });
});

Deno.test("Link related…: both name each other, nothing closes", async () => {
  await using slack = await startFakeSlack();
  const { kept, merged } = await twoReports(slack);
  const refused = await submitPair(slack, "link", merged.id, SAM, {
    key: kept.key,
  });
  assert.match(errorsOf(refused), /Only Helpdesk agents/);
  const answer = await submitPair(slack, "link", merged.id, AVERY, {
    key: kept.key,
  });
  assert.equal(answer, undefined, JSON.stringify(answer));
  const a = await storedTicket(slack, kept.id);
  const b = await storedTicket(slack, merged.id);
  assert.deepEqual(a.related, [merged.key]);
  assert.deepEqual(b.related, [kept.key]);
  assert.equal(b.status, "new");
  assert.match(
    shownText(slack.workspace.findMessage(TRIAGE, kept.card_ts!)!),
    new RegExp(`Related: ${merged.key}`),
  );
  const again = await submitPair(slack, "link", kept.id, AVERY, {
    key: merged.key,
  });
  assert.match(errorsOf(again), /already linked/);
});

Deno.test("only an agent of both tickets' queues merges across queues", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const kept = await openTestTicket(slack);
  const merged = await openTestTicket(slack, {
    requester: SAM,
    queue_id: PEOPLE_QUEUE.id,
  });
  const tryAs = (person: string) =>
    submitPair(slack, "merge", merged.id, person, { key: kept.key });
  // Works the People team only: not the kept ticket's queue.
  assert.match(errorsOf(await tryAs(ROLE_PEOPLE.owner)), /both queues/);
  // Works the default queue only: not the merged ticket's.
  assert.match(
    errorsOf(await tryAs(PEOPLE.otherAgent)),
    new RegExp(`agents of ${merged.key}'s queue`),
  );
  assert.equal((await storedTicket(slack, merged.id)).merged_into, undefined);
  // A member of both.
  assert.equal(await tryAs(AVERY), undefined);
  assert.equal((await storedTicket(slack, merged.id)).merged_into, kept.id);
});
