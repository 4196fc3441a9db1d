// A failure at every Slack call of withdrawing, editing and moving a ticket,
// each followed by what Slack makes happen next: the click again, the form
// sent again (it stays open with the error), and the scheduled check. Each
// call fails two ways: refused before it did anything, and done but answered
// with an error (a timeout after the write).
//
// Afterwards the ticket holds the change once; the card where the ticket is
// shows it (one card, recorded, found by its lookup); a card it left says
// where it went; each thread reply and DM went out once (twice only when
// Slack posted it and lost the answer); and no lock is left held.
import assert from "node:assert/strict";
import {
  clientFor,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  ticketCards,
  TRIAGE,
} from "../testing/harness.ts";
import { click } from "../testing/queue_actions.ts";
import { submitEdit, submitMove } from "../testing/edit_move_actions.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
} from "../testing/queue_fixtures.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import {
  callsOf,
  failCall,
  type Mode,
  scheduledCheck,
  sendAgainIfRefused,
  stepAtEachCall,
} from "../testing/failure_injection.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";
import {
  findTicketId,
  lookupByCard,
} from "../../slack/storage/ticket_store.ts";

/** The form's answer, or that it failed (Slack shows an error). */
async function sent(answer: () => Promise<unknown>) {
  try {
    return { errors: (await answer() as { errors?: unknown })?.errors };
  } catch (error) {
    return { errors: String(error) };
  }
}

/** What is true once everything settled, wherever the ticket is. */
async function assertWhole(
  slack: FakeSlack,
  start: Ticket,
  channel: string,
  label: string,
) {
  const ticket = await storedTicket(slack, start.id);
  const cards = ticketCards(slack, channel, start.id);
  assert.equal(cards.length, 1, `${label}: ${cards.length} cards`);
  assert.equal(ticket.card_ts, cards[0].ts, `${label}: card not recorded`);
  assert.equal(cards[0].text, ticketCardText(ticket), `${label}: stale card`);
  assert.equal(
    await findTicketId(clientFor(slack), lookupByCard(channel, cards[0].ts)),
    start.id,
    `${label}: no card lookup`,
  );
  const first = slack.workspace.findMessage(TRIAGE, start.card_ts!)!;
  const lock = first.reactions?.find((r) => r.name === LOCK_REACTION);
  assert.ok(!lock?.users.includes(BOT_USER_ID), `${label}: lock left held`);
  return ticket;
}

/** Said once; twice only when Slack posted it and the answer was lost. */
function once(count: number, mode: Mode, label: string) {
  assert.ok(
    count === 1 || (mode !== "refused" && count === 2),
    `${label}: said ${count} times`,
  );
}

const tally = { withdrawals: 0, edits: 0, moves: 0 };

Deno.test("withdraw from the DM: a failure at each call, then the click again", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const withdraw = (ticket: Ticket) =>
    click(slack, ticket.id, "withdraw", PEOPLE.requester);
  const calls = await callsOf(
    slack,
    async () => withdraw(await openTestTicket(slack)),
  );
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const start = await openTestTicket(slack);
    failCall(slack, index, mode);
    await withdraw(start);
    await withdraw(start); // again, as the requester would
    await scheduledCheck(slack);
    const ticket = await assertWhole(slack, start, TRIAGE, label);
    assert.equal(ticket.status, "closed");
    assert.equal(ticket.close_reason, "withdrawn");
    const said = slack.workspace.repliesTo(TRIAGE, start.card_ts!).filter(
      (m) => m.text.includes("withdrew"),
    ).length;
    once(said, mode, "thread");
    const confirmed = slack.workspace.dmsTo(PEOPLE.requester).filter((m) =>
      m.text.includes(`You withdrew <`) && m.text.includes(start.key)
    ).length;
    once(confirmed, mode, "DM");
    tally.withdrawals++;
  });
});

Deno.test("Edit…: a failure at each call, then the form again", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const edit = (ticket: Ticket) =>
    sent(() =>
      submitEdit(slack, ticket, PEOPLE.agent, {
        summary: "Printer jams on every floor",
        priority: "high",
      })
    );
  const calls = await callsOf(
    slack,
    async () => edit(await openTestTicket(slack)),
  );
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const start = await openTestTicket(slack);
    failCall(slack, index, mode);
    // The form stays open with the error; the agent sends it again.
    await sendAgainIfRefused(() => edit(start));
    await scheduledCheck(slack);
    const ticket = await assertWhole(slack, start, TRIAGE, label);
    assert.equal(ticket.summary, "Printer jams on every floor");
    assert.equal(ticket.priority, "high");
    const said = slack.workspace.repliesTo(TRIAGE, start.card_ts!).filter(
      (m) => m.text.includes(" edited "),
    ).length;
    once(said, mode, "thread");
    tally.edits++;
  });
});

Deno.test("Move…: a failure at each call, then the form again", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const move = (ticket: Ticket) =>
    sent(() => submitMove(slack, ticket.id, PEOPLE.agent, PEOPLE_QUEUE.id));
  const calls = await callsOf(
    slack,
    async () => move(await openTestTicket(slack)),
  );
  await stepAtEachCall(t, calls, async ({ index, mode, label }) => {
    const start = await openTestTicket(slack);
    failCall(slack, index, mode);
    await sendAgainIfRefused(() => move(start));
    await scheduledCheck(slack);
    const ticket = await assertWhole(slack, start, PEOPLE_TRIAGE, label);
    assert.equal(ticket.queue_id, PEOPLE_QUEUE.id);
    assert.deepEqual(ticket.previous_cards, [`${TRIAGE}:${start.card_ts}`]);
    const old = slack.workspace.findMessage(TRIAGE, start.card_ts!)!;
    assert.match(
      JSON.stringify(old.blocks),
      /moved to the \*People team\* queue/,
      `${label}: the old card`,
    );
    assert.equal(
      ticketCards(slack, TRIAGE, start.id).length,
      1,
      `${label}: one card left behind`,
    );
    once(
      slack.workspace.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!).filter((
        m,
      ) => m.text.includes("moved")).length,
      mode,
      `${label}: new thread`,
    );
    once(
      slack.workspace.repliesTo(TRIAGE, start.card_ts!).filter((m) =>
        m.text.includes("moved")
      ).length,
      mode,
      `${label}: old thread`,
    );
    once(
      slack.workspace.dmsTo(PEOPLE.requester).filter((m) =>
        m.text.includes("moved your ticket") && m.text.includes(start.key)
      ).length,
      mode,
      `${label}: requester`,
    );
    tally.moves++;
  });
  console.log("failure injection:", JSON.stringify(tally));
});
