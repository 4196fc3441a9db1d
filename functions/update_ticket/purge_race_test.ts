// A card button or a modal submitted while the ticket is being purged (a
// retention purge, an erasure): the run waits for the purge's lock, then
// finds the ticket gone. It tells the person the ticket was removed, and
// why, never to try again: trying again can't bring it back.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  settled,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Removal } from "../../helpdesk/tickets/retention.ts";
import { click } from "../../dev/testing/queue_actions.ts";
import { submitEdit } from "../../dev/testing/edit_move_actions.ts";
import { purgeTicket } from "../../use_cases/changes/ticket_purge.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";

/**
 * Purges `ticket` and, once the purge holds its lock, starts `meanwhile`
 * (which then waits for the lock); both finished.
 */
async function purgeWhile(
  slack: FakeSlack,
  ticket: Ticket,
  why: Removal,
  meanwhile: () => Promise<unknown>,
) {
  let started: Promise<unknown> | undefined;
  slack.beforeAnswer((method) => {
    // The purge's first read of a thread: it holds the lock by then.
    if (started || method !== "conversations.replies") return;
    started = meanwhile();
  });
  const purged = await purgeTicket(clientFor(slack), ticket, why, () => true);
  assert.equal(purged.kind, "purged");
  assert.ok(started, "the other run started while the purge held the lock");
  return await started;
}

/** Everything the person was shown: the modal's answers, notes and DMs. */
function toldTo(slack: FakeSlack, person: string, answer: unknown) {
  return [
    JSON.stringify(answer ?? ""),
    ...slack.callsTo("views.update").map((c) => JSON.stringify(c.args)),
    ...slack.workspace.ephemerals.filter((e) => e.user === person)
      .map((e) => e.text),
    ...slack.workspace.dmsTo(person).map((m) => m.text),
  ].join("\n");
}

Deno.test("a card button pressed while its ticket is purged says it was removed", async (t) => {
  for (
    const [why, said] of [
      [{ kind: "erasure" }, /, at the request of the person who opened it\./],
      [
        { kind: "retention", days: 30 },
        /after 30 days under Helpdesk's retention period\./,
      ],
    ] as const
  ) {
    await t.step(why.kind, async () => {
      await using slack = await startFakeSlack();
      await configure(slack);
      const ticket = await openTestTicket(slack, { status: "in_progress" });
      const answer = await purgeWhile(
        slack,
        ticket,
        why,
        async () => await click(slack, ticket.id, "resolve", PEOPLE.agent),
      );
      await settled(slack);
      const told = toldTo(slack, PEOPLE.agent, answer);
      assert.match(
        told,
        new RegExp(`${ticket.key} was removed from Helpdesk a moment ago`),
      );
      assert.match(told, said);
      assert.doesNotMatch(told, /caught up|try again/);
      // The waiting run took the lock after the purge, and gave it back.
      const adds = slack.callsTo("reactions.add").filter((c) =>
        c.args.name === LOCK_REACTION
      );
      assert.ok(adds.length >= 2, "it waited for the purge's lock");
    });
  }
});

Deno.test("an Edit… submitted while its ticket is erased says it was removed", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, { status: "in_progress" });
  const answer = await purgeWhile(
    slack,
    ticket,
    { kind: "erasure" },
    async () =>
      await submitEdit(slack, ticket, PEOPLE.agent, { summary: "Jams daily" }),
  );
  // The modal's own answer, or what it was updated to once the lock came.
  await settled(slack);
  const told = toldTo(slack, PEOPLE.agent, answer);
  assert.match(
    told,
    new RegExp(`${ticket.key} was removed from Helpdesk a moment ago`),
  );
  assert.match(told, /, at the request of the person who opened it\./);
  assert.doesNotMatch(told, /caught up|try again/);
});
