// A failure at one chosen Slack call, then what Slack makes happen next:
// what the failure-and-retry tests share, with what must hold once all has
// settled. Each call fails two ways: refused before it did anything, and
// done but answered with an error (a timeout after the write).
import assert from "node:assert/strict";
import type { FakeSlack } from "./fake_slack/server.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import {
  checkerClient,
  clientFor,
  defaultSettings,
  ticketCards,
  TRIAGE,
} from "./harness.ts";
import {
  findTicketId,
  getTicket,
  lookupByCard,
  lookupByKey,
} from "../../slack/storage/ticket_store.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { LOCK_REACTION } from "../../slack/storage/ticket_lock.ts";
import { ticketCardText } from "../../slack/blocks/ticket_card.ts";
import { repairStalledTickets } from "../../use_cases/schedule/ticket_repair.ts";

export type Mode = "refused" | "done, answer lost";
export const MODES: Mode[] = ["refused", "done, answer lost"];

/** Fails the call numbered `index` (0 = the next one), once. */
export function failCall(slack: FakeSlack, index: number, mode: Mode) {
  let seen = 0;
  slack.fail({
    method: "*",
    when: () => seen++ === index,
    error: "internal_error",
    afterEffect: mode === "done, answer lost",
  });
}

/** Which call of a clean run fails, how, and its name in assertion messages. */
export interface Failure {
  index: number;
  mode: Mode;
  label: string;
}

/**
 * A step for each of the `calls` a clean run makes (callsOf), in each mode,
 * unless `failing` leaves that call out. The step sets up, fails the call
 * with failCall where its story puts it, and checks what settled.
 */
export async function stepAtEachCall(
  t: Deno.TestContext,
  calls: number,
  step: (failure: Failure) => Promise<void>,
  failing: (index: number) => boolean = () => true,
) {
  for (const mode of MODES) {
    for (let index = 0; index < calls; index++) {
      if (!failing(index)) continue;
      await t.step(
        `call ${index + 1} of ${calls}: ${mode}`,
        () => step({ index, mode, label: `${mode} at ${index + 1}` }),
      );
    }
  }
}

/**
 * A form sent; when it stays open with an error, sent again as the person
 * would, and that second send must go through.
 */
export async function sendAgainIfRefused(
  send: () => Promise<{ errors?: unknown }>,
) {
  const first = await send();
  if (first.errors) {
    const again = await send();
    assert.equal(again.errors, undefined, JSON.stringify(again));
  }
}

/** How many calls a clean run of `attempt` makes. */
export async function callsOf(slack: FakeSlack, attempt: () => unknown) {
  const before = slack.calls.length;
  await attempt();
  return slack.calls.length - before;
}

/**
 * The scheduled check's repairs, as if it came two minutes later: long after
 * any stale-reads window (its reads see every write before it), and after
 * the failure staged for the runs before it. A failure at call n stays
 * staged when a run made fewer calls than the clean one did (a wait that
 * polled less on a busy machine); it was meant for the runs, and the check
 * would otherwise throw it at the test.
 */
export function scheduledCheck(slack: FakeSlack) {
  slack.clearFailures();
  slack.settleReads();
  return repairStalledTickets(
    clientFor(slack),
    defaultSettings(),
    Math.floor(Date.now() / 1000) + 120,
    () => false,
  );
}

/**
 * What is true of a ticket in the triage queue once everything has settled:
 * it is finished, has one card there that shows it, both lookups find it,
 * and no lock is left held. Read through checkerClient, whose reads are
 * never stale.
 */
export async function assertWhole(slack: FakeSlack, id: string, label: string) {
  const client = checkerClient(slack);
  const ticket = await getTicket(client, id);
  assert.ok(ticket, `${label}: no ticket`);
  assert.equal(ticket.setup_pending, undefined, `${label}: not finished`);
  const cards = ticketCards(slack, TRIAGE, id);
  assert.equal(cards.length, 1, `${label}: ${cards.length} cards`);
  assert.equal(ticket.card_ts, cards[0].ts, `${label}: card not recorded`);
  assert.equal(cards[0].text, ticketCardText(ticket), `${label}: stale card`);
  assert.equal(await findTicketId(client, lookupByKey(ticket.key)), id);
  assert.equal(
    await findTicketId(client, lookupByCard(TRIAGE, ticket.card_ts!)),
    id,
    `${label}: no card lookup`,
  );
  const lock = cards[0].reactions?.find((r) => r.name === LOCK_REACTION);
  assert.ok(!lock?.users.includes(BOT_USER_ID), `${label}: lock left held`);
  return ticket;
}

/** "is open" DMs about this ticket: once, or twice if the answer was lost. */
export function openedDms(slack: FakeSlack, ticket: Ticket) {
  return slack.workspace.dmsTo(ticket.requester).filter((m) =>
    m.text.includes(ticket.key) && m.text.includes("is open")
  ).length;
}

/** How many tickets are stored. */
export async function ticketCount(slack: FakeSlack): Promise<number> {
  return ((await slack.datastores.dump()).tickets ?? []).length;
}
