// The failure-and-retry scenarios (dev/tests/failure_retry_test.ts, and
// again with stale datastore reads in failure_retry_stale_reads_test.ts): a
// failure at every Slack call of opening a ticket and of a card action, each
// followed by what Slack makes happen next: the form submitted again,
// another :ticket: reaction on the message, the click again, and the
// scheduled check. Each call fails two ways: refused before it did anything,
// and done but answered with an error (a timeout after the write).
//
// Afterwards: one ticket, one card showing it, the lookups that find it,
// nothing left half-done, and the person was never told "opened" of a
// ticket that did not exist nor "not opened" of one that did. What the
// checks read goes through checkerClient, whose reads are never stale: an
// old read by the check is not a fault of Helpdesk's.
import assert from "node:assert/strict";
import openTicketHandler from "../../functions/open_ticket/handler.ts";
import { click as clickTicket } from "./queue_actions.ts";
import { DETAILS_VIEW } from "../../slack/blocks/request_form.ts";
import {
  checkerClient,
  configure,
  GENERAL,
  intakeQueue,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "./harness.ts";
import { submitView, viewSubmissionContext } from "./interactivity_payloads.ts";
import type { FakeSlack, FakeSlackOptions } from "./fake_slack/server.ts";
import {
  assertWhole,
  callsOf,
  failCall,
  openedDms,
  scheduledCheck,
  stepAtEachCall,
  ticketCount,
} from "./failure_injection.ts";
import { getTicket } from "../../slack/storage/ticket_store.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { reactWithTicket } from "./reaction_deliveries.ts";

/** Exactly one more ticket than before; counted when not. */
async function assertOneMore(slack: FakeSlack, before: number) {
  const made = await ticketCount(slack) - before;
  if (made !== 1) tally.duplicates++;
  assert.equal(made, 1, `${made} tickets made`);
}

export const tally = {
  creations: 0,
  actions: 0,
  duplicates: 0,
  untruthful: 0,
};

export interface Variant {
  /** The fake Slack's options, e.g. stale reads. */
  options?: FakeSlackOptions;
  /** Which calls (0-based, of a clean run) fail; all when absent. */
  failing?: (index: number) => boolean;
}

/** Riley's request form ("VPN drops", high) submitted as view `viewId`. */
export function submitRequestForm(slack: FakeSlack, viewId: string) {
  return submitView(
    openTicketHandler,
    viewSubmissionContext(slack, {
      callbackId: DETAILS_VIEW,
      functionCallbackId: "open_ticket",
      executionId: `Fx0${viewId}`,
      viewId,
      user: PEOPLE.requester,
      values: {
        summary: { value: { type: "plain_text_input", value: "VPN drops" } },
        priority: {
          value: {
            type: "static_select",
            selected_option: { value: "high" },
          },
        },
      },
      inputs: { requester: PEOPLE.requester, channel: GENERAL },
    }),
  );
}

export async function formRetries(t: Deno.TestContext, variant: Variant = {}) {
  await using slack = await startFakeSlack(variant.options);
  await configure(slack);
  let form = 0;
  const submit = (viewId: string) => submitRequestForm(slack, viewId);
  const calls = await callsOf(slack, () => submit("V0CLEAN"));
  // 12 to open it (2 of them its open work entry), the suggestions' read
  // of the similar-tickets index (a failure there only loses suggestions),
  // then completeSuccess.
  assert.equal(calls, 14);
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const viewId = `V0FORM${++form}`;
    const id = await ticketIdFor(creationKeys.view(viewId));
    const before = await ticketCount(slack);
    failCall(slack, index, mode);
    const first = await submit(viewId);
    const existed = await getTicket(checkerClient(slack), id);
    // The form stays open with the truth: saved (and named) or not.
    const said = String(
      (first as { errors?: Record<string, string> })?.errors?.summary ?? "",
    );
    if (said) {
      const claimsSaved = /^HD-\w+ is (saved|open), but/.test(said);
      if (claimsSaved !== Boolean(existed)) tally.untruthful++;
      assert.equal(claimsSaved, Boolean(existed), said);
      await submit(viewId);
    }
    await scheduledCheck(slack);
    const ticket = await assertWhole(slack, id, label);
    await assertOneMore(slack, before);
    const dms = openedDms(slack, ticket);
    assert.ok(
      dms >= 1 && dms <= (mode === "refused" ? 1 : 2),
      `${dms} DMs`,
    );
    tally.creations++;
  }, variant.failing);
  return slack.staleAnswers;
}

export async function reactionRetries(
  t: Deno.TestContext,
  variant: Variant = {},
) {
  await using slack = await startFakeSlack(variant.options);
  await intakeQueue(slack);
  const post = (text: string) =>
    slack.workspace.postAs(PEOPLE.requester, GENERAL, text).ts;
  const react = (ts: string, user: string) => reactWithTicket(slack, ts, user);
  const calls = await callsOf(
    slack,
    () => react(post("Printer jammed"), PEOPLE.agent),
  );
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const ts = post(`Printer jam number ${index} (${mode})`);
    const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
    const before = await ticketCount(slack);
    failCall(slack, index, mode);
    const first = await react(ts, PEOPLE.agent);
    if (first.error) {
      const existed = await getTicket(checkerClient(slack), id);
      const claimsSaved = first.error.includes("is saved");
      if (claimsSaved !== Boolean(existed)) tally.untruthful++;
      assert.equal(claimsSaved, Boolean(existed), first.error);
    }
    // Someone reacts again (or Slack delivers it again).
    await react(ts, PEOPLE.otherAgent);
    await scheduledCheck(slack);
    const ticket = await assertWhole(slack, id, label);
    await assertOneMore(slack, before);
    const replies = slack.workspace.repliesTo(GENERAL, ts).filter((m) =>
      m.text.includes(ticket.key)
    );
    assert.ok(replies.length >= 1 && replies.length <= 2);
    tally.creations++;
  }, variant.failing);
  return slack.staleAnswers;
}

export async function cardActionRetries(
  t: Deno.TestContext,
  variant: Variant = {},
) {
  await using slack = await startFakeSlack(variant.options);
  await configure(slack);
  const click = (ticket: Ticket) =>
    clickTicket(slack, ticket.id, "claim", PEOPLE.agent);
  const calls = await callsOf(
    slack,
    async () => click(await openTestTicket(slack)),
  );
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const start = await openTestTicket(slack);
    failCall(slack, index, mode);
    await click(start);
    await click(start); // again, as the agent would
    await scheduledCheck(slack);
    const ticket = await assertWhole(slack, start.id, label);
    assert.equal(ticket.assignee, PEOPLE.agent);
    assert.equal(ticket.status, "in_progress");
    const claimed = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
      .filter((m) => m.text.includes("claimed"));
    // Said once; twice only when Slack posted it and lost the answer.
    assert.ok(
      claimed.length === 1 || (mode !== "refused" && claimed.length === 2),
      `${claimed.length} thread replies`,
    );
    tally.actions++;
  }, variant.failing);
  return slack.staleAnswers;
}
