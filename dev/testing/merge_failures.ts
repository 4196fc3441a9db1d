// A failure at every Slack call of a merge (and of an unmerge), each
// followed by what Slack makes happen next: the form sent again (it stays
// open with the error), then the scheduled check. Each call fails two ways:
// refused before it did anything, and done but answered with an error.
//
// Afterwards there is one consistent result: the merged ticket closed as a
// duplicate of the kept one, the kept one naming it and its requester once,
// each thread saying so once (twice only when Slack posted it and lost the
// answer), the requester told, and no lock left held on either card.
//
// dev/tests/merge_failures_test.ts and unmerge_failures_test.ts run them,
// each in its own file so that `deno test --parallel` runs them side by side.
import assert from "node:assert/strict";
import {
  configure,
  openTestTicket,
  PEOPLE,
  settled,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "./harness.ts";
import { submitPair } from "./merge_actions.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import {
  callsOf,
  failCall,
  type Mode,
  scheduledCheck,
  sendAgainIfRefused,
  stepAtEachCall,
} from "./failure_injection.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";

const SAM = PEOPLE.bystander;

async function pair(slack: FakeSlack) {
  const kept = await openTestTicket(slack);
  const merged = await openTestTicket(slack, {
    requester: SAM,
    summary: "3rd floor printer jams again",
  });
  slack.clearCalls();
  return { kept, merged };
}

/** The form's answer, or that it failed (Slack shows an error). */
async function sent(answer: () => Promise<unknown>) {
  try {
    return { errors: (await answer() as { errors?: unknown })?.errors };
  } catch (error) {
    return { errors: String(error) };
  }
}

function once(count: number, mode: Mode, label: string) {
  assert.ok(
    count === 1 || (mode !== "refused" && count === 2),
    `${label}: said ${count} times`,
  );
}

function assertUnlocked(slack: FakeSlack, tickets: Ticket[], label: string) {
  for (const ticket of tickets) {
    const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
    const lock = card.reactions?.find((r) => r.name === LOCK_REACTION);
    assert.ok(
      !lock?.users.includes(BOT_USER_ID),
      `${label}: lock left on ${ticket.key}`,
    );
  }
}

const said = (slack: FakeSlack, ticket: Ticket, words: string) =>
  slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).filter((m) =>
    m.text.includes(words)
  ).length;

/** Merge into…: a failure at each call, then the form again. */
export async function mergeFailures(t: Deno.TestContext) {
  await using slack = await startFakeSlack();
  await configure(slack);
  const merge = (p: { kept: Ticket; merged: Ticket }) =>
    sent(() =>
      submitPair(slack, "merge", p.merged.id, PEOPLE.agent, {
        key: p.kept.key,
      })
    );
  const calls = await callsOf(slack, async () => merge(await pair(slack)));
  assert.ok(calls > 10, `a merge makes ${calls} calls`);
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const p = await pair(slack);
    failCall(slack, index, mode);
    await sendAgainIfRefused(() => merge(p));
    await scheduledCheck(slack);
    const kept = await storedTicket(slack, p.kept.id);
    const merged = await storedTicket(slack, p.merged.id);
    assert.equal(merged.status, "closed", label);
    assert.equal(merged.close_reason, "duplicate", label);
    assert.equal(merged.merged_into, kept.id, label);
    assert.deepEqual(kept.merged_from, [merged.key], label);
    assert.deepEqual(kept.followers, [SAM], label);
    assert.equal(kept.merged_into, undefined, label);
    once(said(slack, p.kept, `into ${kept.key}: it is now`), mode, label);
    once(said(slack, p.merged, "closed it as a duplicate"), mode, label);
    once(
      slack.workspace.dmsTo(SAM).filter((m) =>
        m.text.includes(`Your ticket ${merged.key}`)
      ).length,
      mode,
      `${label}: DM`,
    );
    assertUnlocked(slack, [kept, merged], label);
  });
}

/** Unmerge…: a failure at each call, then the form again. */
export async function unmergeFailures(t: Deno.TestContext) {
  await using slack = await startFakeSlack();
  await configure(slack);
  const merged = async () => {
    const p = await pair(slack);
    await submitPair(slack, "merge", p.merged.id, PEOPLE.agent, {
      key: p.kept.key,
    });
    // Merged long before anyone unmerges: its reads are not stale.
    await settled(slack);
    slack.clearCalls();
    return p;
  };
  const unmerge = (p: { kept: Ticket; merged: Ticket }) =>
    sent(() =>
      submitPair(slack, "unmerge", p.kept.id, PEOPLE.agent, {
        key: p.merged.key,
      })
    );
  const calls = await callsOf(slack, async () => unmerge(await merged()));
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const p = await merged();
    failCall(slack, index, mode);
    await sendAgainIfRefused(() => unmerge(p));
    await scheduledCheck(slack);
    const kept = await storedTicket(slack, p.kept.id);
    const back = await storedTicket(slack, p.merged.id);
    assert.equal(back.status, "new", label);
    assert.equal(back.merged_into, undefined, label);
    assert.equal(kept.merged_from, undefined, label);
    assert.equal(kept.followers, undefined, label);
    once(said(slack, p.kept, "unmerged"), mode, label);
    assertUnlocked(slack, [kept, back], label);
  });
}
