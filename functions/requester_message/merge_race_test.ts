// A requester's reply in flight while an agent merges, unmerges or closes
// their ticket: the words reach the ticket they belong to now, or the
// writer is told they were not passed on. Never dropped in silence.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  clientFor,
  functionContext,
  GENERAL,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { twoReports } from "../../dev/testing/merge_actions.ts";
import { RELAYED_MARK } from "../../use_cases/conversation/thread_relay.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { purgeTicket } from "../../use_cases/changes/ticket_purge.ts";

const SAM = PEOPLE.bystander;

/** Runs `meanwhile` once, as the relay marks the reply it passes on. */
function whenRelayMarks(slack: FakeSlack, meanwhile: () => Promise<unknown>) {
  let done = false;
  slack.beforeAnswer(async (method, args) => {
    if (done || method !== "reactions.add" || args.name !== RELAYED_MARK) {
      return;
    }
    done = true;
    await meanwhile();
  });
}

/** Every message in the card's thread and what the writer was told. */
function whereItWent(slack: FakeSlack, words: string, cards: string[]) {
  const inCards = cards.filter((cardTs) =>
    slack.workspace.repliesTo(TRIAGE, cardTs).some((m) =>
      m.text.includes(words)
    )
  );
  const told = slack.workspace.ephemerals.filter((e) => e.user === SAM)
    .map((e) => e.text);
  return { inCards, told };
}

function delivered(slack: FakeSlack, ts: string, threadTs: string) {
  return handler(functionContext("requester_message", slack, {
    channel: GENERAL,
    message_ts: ts,
    thread_ts: threadTs,
  }));
}

Deno.test("a reply in flight while its ticket is merged reaches the kept card", async () => {
  await using slack = await startFakeSlack();
  const { kept, sams, ts } = await twoReports(slack);
  const said = slack.workspace.postAs(SAM, GENERAL, "It's the HP one", ts);
  whenRelayMarks(slack, async () => {
    const answer = await submitPair(slack, "merge", sams.id, PEOPLE.agent, {
      key: kept.key,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
  });
  const result = await delivered(slack, said.ts, ts);
  assert.equal((await storedTicket(slack, sams.id)).merged_into, kept.id);
  const { inCards, told } = whereItWent(slack, "the HP one", [
    kept.card_ts!,
    sams.card_ts!,
  ]);
  assert.deepEqual(inCards, [kept.card_ts], JSON.stringify({ result, told }));
  assert.equal(result.outputs?.ticket_id, kept.id);
  assert.ok(
    slack.workspace.findMessage(GENERAL, said.ts)?.reactions?.some((r) =>
      r.name === RELAYED_MARK
    ),
    "marked as passed on",
  );
});

Deno.test("a reply in flight while its ticket is unmerged reaches its own card", async () => {
  await using slack = await startFakeSlack();
  const { kept, sams, ts } = await twoReports(slack);
  const merged = await submitPair(slack, "merge", sams.id, PEOPLE.agent, {
    key: kept.key,
  });
  assert.equal(merged, undefined, JSON.stringify(merged));
  const said = slack.workspace.postAs(SAM, GENERAL, "Still the HP one", ts);
  whenRelayMarks(slack, async () => {
    const answer = await submitPair(slack, "unmerge", kept.id, PEOPLE.agent, {
      key: sams.key,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
  });
  const result = await delivered(slack, said.ts, ts);
  assert.equal((await storedTicket(slack, sams.id)).merged_into, undefined);
  const { inCards, told } = whereItWent(slack, "Still the HP one", [
    kept.card_ts!,
    sams.card_ts!,
  ]);
  // Sam's own ticket is his again: its agents read what he adds.
  assert.deepEqual(inCards, [sams.card_ts], JSON.stringify({ result, told }));
  assert.equal(result.outputs?.ticket_id, sams.id);
});

Deno.test("a reply in flight while an agent closes the ticket is told undelivered", async () => {
  await using slack = await startFakeSlack();
  const { kept, sams, ts } = await twoReports(slack);
  for (const type of ["claim", "resolve"] as const) {
    const changed = await changeTicket(
      clientFor(slack),
      sams.id,
      { type },
      PEOPLE.agent,
    );
    assert.ok(changed.ok, changed.ok ? "" : changed.reason);
  }
  const said = slack.workspace.postAs(SAM, GENERAL, "One more thing", ts);
  whenRelayMarks(slack, async () => {
    const closed = await changeTicket(
      clientFor(slack),
      sams.id,
      { type: "close" },
      PEOPLE.agent,
    );
    assert.ok(closed.ok, closed.ok ? "" : closed.reason);
  });
  const result = await delivered(slack, said.ts, ts);
  const { inCards, told } = whereItWent(slack, "One more thing", [
    kept.card_ts!,
    sams.card_ts!,
  ]);
  assert.deepEqual(inCards, [], JSON.stringify({ result, told }));
  // Not passed on, and Sam hears so where he wrote; not marked as passed.
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.match(told[0], new RegExp(`${sams.key} is closed`));
  assert.ok(
    !slack.workspace.findMessage(GENERAL, said.ts)?.reactions?.some((r) =>
      r.name === RELAYED_MARK
    ),
    "not marked as passed on",
  );
});

Deno.test("Add to ticket from the DM while the ticket is merged reaches the kept card", async () => {
  await using slack = await startFakeSlack();
  const { kept, sams } = await twoReports(slack);
  let done = false;
  // As the comment's change takes Sam's ticket's lock, it is merged.
  slack.beforeAnswer(async (method, args) => {
    if (done || method !== "reactions.add" || args.name !== LOCK_REACTION) {
      return;
    }
    done = true;
    const answer = await submitPair(slack, "merge", sams.id, PEOPLE.agent, {
      key: kept.key,
    });
    assert.equal(answer, undefined, JSON.stringify(answer));
  });
  const result = await converse(
    clientFor(slack),
    sams.id,
    SAM,
    "comment",
    "Tray 2 as well",
  );
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(result.ticket.id, kept.id);
  const { inCards } = whereItWent(slack, "Tray 2 as well", [
    kept.card_ts!,
    sams.card_ts!,
  ]);
  assert.deepEqual(inCards, [kept.card_ts]);
});

Deno.test("a reply in flight while its ticket is removed is told undelivered", async () => {
  await using slack = await startFakeSlack();
  const { kept, sams, ts } = await twoReports(slack);
  const said = slack.workspace.postAs(SAM, GENERAL, "Are you there?", ts);
  // Erased at its requester's request meanwhile (open tickets too).
  whenRelayMarks(slack, async () => {
    const purged = await purgeTicket(
      clientFor(slack),
      sams,
      { kind: "erasure" },
      () => true,
    );
    assert.equal(purged.kind, "purged");
  });
  const result = await delivered(slack, said.ts, ts);
  const { inCards, told } = whereItWent(slack, "Are you there?", [
    kept.card_ts!,
    sams.card_ts!,
  ]);
  assert.deepEqual(inCards, [], JSON.stringify({ result, told }));
  assert.equal(told.length, 1, JSON.stringify({ result, told }));
  assert.match(told[0], /no longer exists/);
});

Deno.test("a reply Slack won't let the ticket take is told as not passed on", async () => {
  await using slack = await startFakeSlack();
  const { sams, ts } = await twoReports(slack);
  const said = slack.workspace.postAs(SAM, GENERAL, "Hello?", ts);
  // Slack refuses the ticket's lock every time, as for a long outage.
  slack.fail({
    method: "reactions.add",
    error: "internal_error",
    times: Infinity,
    when: (args) => args.name === LOCK_REACTION,
  });
  await delivered(slack, said.ts, ts);
  slack.clearFailures();
  const { inCards, told } = whereItWent(slack, "Hello?", [sams.card_ts!]);
  assert.deepEqual(inCards, []);
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.match(
    told[0],
    new RegExp(`^This message was not passed to the agents of ${sams.key}`),
  );
});
