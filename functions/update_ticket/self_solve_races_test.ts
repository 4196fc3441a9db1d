// "This solved it" pressed while an agent changes the ticket: what the
// requester is told, and what the card's thread says, match what happened.
import assert from "node:assert/strict";
import { click as clickTicket } from "../../dev/testing/queue_actions.ts";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { selfSolveAction } from "../../helpdesk/similar/suggestions.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";

function click(slack: FakeSlack, ticket: Ticket, person: string) {
  return clickTicket(slack, ticket.id, selfSolveAction("HD-SOLVED1"), person);
}

const toldRequester = (slack: FakeSlack) =>
  [
    ...slack.workspace.ephemerals.filter((e) => e.user === PEOPLE.requester),
    ...slack.workspace.dmsTo(PEOPLE.requester),
  ].map((m) => m.text);

Deno.test("This solved it on a ticket merged meanwhile says it was merged", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  await putQueue(clientFor(slack), {
    id: "default",
    name: "Helpdesk",
    triage_channel: TRIAGE,
    intake_channels: [],
    members: [PEOPLE.agent],
    admins: [],
    superusers: [],
  });
  const kept = await openTestTicket(slack);
  const mine = await openTestTicket(slack);
  const merged = await submitPair(slack, "merge", mine.id, PEOPLE.agent, {
    key: kept.key,
  });
  assert.equal(merged, undefined, JSON.stringify(merged));
  const before = toldRequester(slack).length;
  await click(slack, mine, PEOPLE.requester);
  const after = await storedTicket(slack, mine.id);
  assert.equal(after.close_reason, "duplicate");
  const told = toldRequester(slack).slice(before);
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.match(told[0], new RegExp(`merged into ${kept.key}`));
  assert.doesNotMatch(told[0], /solved it/);
});

Deno.test("This solved it on a ticket resolved meanwhile closes nothing, says so", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const mine = await openTestTicket(slack, {
    status: "resolved",
    assignee: PEOPLE.agent,
    resolved_at: Math.floor(Date.now() / 1000) - 60,
  });
  const before = toldRequester(slack).length;
  await click(slack, mine, PEOPLE.requester);
  assert.equal((await storedTicket(slack, mine.id)).status, "resolved");
  const told = toldRequester(slack).slice(before);
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.match(told[0], /already resolved/);
  assert.ok(
    !slack.workspace.repliesTo(mine.card_channel!, mine.card_ts!).some((m) =>
      m.text.includes("solved it")
    ),
    "the card's thread claims no self-solve",
  );
});
