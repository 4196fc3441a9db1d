// The Workflow Builder step "Create a Helpdesk ticket": a failure at each of
// its Slack calls, then what its message tells the requester to do (run the
// workflow again, which is a new execution), then the scheduled check.
// Afterwards there is exactly one ticket, and every message the requester
// got was true when it was sent: "saved" only of a ticket that existed,
// "couldn't open" only when none did, and never "try again" of a ticket the
// scheduled check will finish.
import assert from "node:assert/strict";
import handler from "../../functions/create_ticket/handler.ts";
import { CREATE_TICKET_CALLBACK_ID } from "../../functions/create_ticket/definition.ts";
import {
  checkerClient,
  configure,
  functionContext,
  PEOPLE,
  settled,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import {
  callsOf,
  failCall,
  scheduledCheck,
  stepAtEachCall,
} from "../testing/failure_injection.ts";
import { getTicket } from "../../slack/storage/ticket_store.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const inputs = (summary: string) => ({
  summary,
  description: "Since Monday, on the office Wi-Fi only.",
  priority: "high",
  category: "Network",
  requester: PEOPLE.requester,
  source: "form",
});

/** Tickets with this summary, as stored. */
async function ticketsAbout(slack: FakeSlack, summary: string) {
  const all = (await slack.datastores.dump()).tickets ?? [];
  return all.filter((t) => (t as { summary?: string }).summary === summary);
}

/** What the requester was told since `since` (DMs and ephemerals). */
function toldSince(slack: FakeSlack, since: { dms: number; eph: number }) {
  return [
    ...slack.workspace.dmsTo(PEOPLE.requester).slice(since.dms),
    ...slack.workspace.ephemerals.filter((e) => e.user === PEOPLE.requester)
      .slice(since.eph),
  ].map((m) => m.text);
}

const mark = (slack: FakeSlack) => ({
  dms: slack.workspace.dmsTo(PEOPLE.requester).length,
  eph: slack.workspace.ephemerals.filter((e) => e.user === PEOPLE.requester)
    .length,
});

Deno.test("the Workflow Builder step: a failure at each call, then what its message says", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const run = (summary: string) =>
    handler(
      functionContext(CREATE_TICKET_CALLBACK_ID, slack, inputs(summary)),
    );
  const calls = await callsOf(slack, () => run("A clean run"));
  await stepAtEachCall(t, calls, async ({ index, mode }) => {
    const summary = `VPN drops (${mode}, call ${index + 1})`;
    const since = mark(slack);
    failCall(slack, index, mode);
    const first = await run(summary);
    const existed = await ticketsAbout(slack, summary);
    const told = toldSince(slack, since);
    if (first.error) {
      // Whatever the requester was told is true now.
      for (const text of told) {
        const claimsSaved = /is saved/.test(text);
        assert.equal(claimsSaved, existed.length > 0, text);
        if (claimsSaved) {
          assert.doesNotMatch(text, /try again|run .* again/i, text);
        }
      }
      // They do what it says: a new run of the workflow.
      if (told.some((text) => /try again/i.test(text))) {
        const again = mark(slack);
        await run(summary);
        for (const text of toldSince(slack, again)) {
          assert.doesNotMatch(text, /couldn't open/, text);
        }
      }
    }
    await scheduledCheck(slack);
    const made = await ticketsAbout(slack, summary);
    assert.equal(made.length, 1, `${made.length} tickets`);
    const ticket = await getTicket(
      checkerClient(slack),
      String((made[0] as { id: string }).id),
    ) as Ticket;
    assert.equal(ticket.setup_pending, undefined, "not finished");
    const cards = slack.workspace.messagesIn(TRIAGE).filter((m) =>
      m.text.includes(ticket.key) && !m.thread_ts
    );
    assert.equal(cards.length, 1, `${cards.length} cards`);
  });
});

Deno.test("the same request run again within minutes is recognised", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const run = (summary: string, extra: Record<string, unknown> = {}) =>
    handler(
      functionContext(CREATE_TICKET_CALLBACK_ID, slack, {
        ...inputs(summary),
        ...extra,
      }),
    );

  await t.step("run again: this is HD-…, no second ticket", async () => {
    const first = await run("Payroll is wrong");
    const since = mark(slack);
    // Started again by a person: seconds later, past any stale reads of
    // what the first run wrote.
    await settled(slack);
    const again = await run("Payroll is wrong");
    assert.equal(again.outputs?.ticket_key, first.outputs?.ticket_key);
    assert.equal((await ticketsAbout(slack, "Payroll is wrong")).length, 1);
    const told = toldSince(slack, since);
    assert.equal(told.length, 1);
    assert.match(
      told[0],
      new RegExp(`^This is ${first.outputs?.ticket_key}, which you asked for`),
    );
  });

  await t.step(
    "something else asked, or by someone else: a new ticket",
    async () => {
      await run("Payroll is wrong", { priority: "low" });
      await run("Payroll is wrong", { requester: PEOPLE.bystander });
      assert.equal((await ticketsAbout(slack, "Payroll is wrong")).length, 3);
    },
  );
});
