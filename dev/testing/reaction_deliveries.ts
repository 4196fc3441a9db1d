// A :ticket: reaction delivered twice at once (Slack redelivers; two people
// react together), with a failure at each Slack call of either delivery,
// then what the reactor was told to do, then the scheduled check: what
// dev/tests/reaction_deliveries{,_lost}_test.ts run, one per way a call fails
// so that `deno test --parallel` runs them side by side (each failed call
// waits out the intake mark's 3 s, as the twin delivery does in Helpdesk).
// There is exactly one ticket, and nobody was told "no ticket was made" of
// a message that had one.
import assert from "node:assert/strict";
import messageToTicket from "../../functions/message_to_ticket/handler.ts";
import {
  checkerClient,
  functionContext,
  GENERAL,
  intakeQueue,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "./harness.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import {
  callsOf,
  failCall,
  type Mode,
  scheduledCheck,
} from "./failure_injection.ts";
import { getTicket } from "../../slack/storage/ticket_store.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";

/**
 * `user` reacts :ticket: to the requester's message `ts` in #general: Slack
 * stores the reaction, then starts message_to_ticket (whose step checks
 * with Slack that the reaction is there).
 */
export function reactWithTicket(slack: FakeSlack, ts: string, user: string) {
  slack.workspace.react(GENERAL, ts, "ticket", user);
  return messageToTicket(functionContext("message_to_ticket", slack, {
    channel: GENERAL,
    message_ts: ts,
    message_link: slack.workspace.permalink(GENERAL, ts),
    author: PEOPLE.requester,
    reaction: "ticket",
    user,
  }));
}

/** A message in #general turned into a ticket with :ticket:. */
export async function ticketFromGeneral(slack: FakeSlack, text: string) {
  const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, text).ts;
  await reactWithTicket(slack, ts, PEOPLE.agent);
  const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
  return { ts, ticket: await storedTicket(slack, id) };
}

/** One delivery of the reaction event: the step as the trigger runs it. */
export function deliver(slack: FakeSlack, ts: string, user: string) {
  return messageToTicket(functionContext("message_to_ticket", slack, {
    channel: GENERAL,
    message_ts: ts,
    message_link: slack.workspace.permalink(GENERAL, ts),
    reaction: "ticket",
    user,
  }));
}

/** What people were told privately since `since` ephemerals and DMs. */
export function toldSince(
  slack: FakeSlack,
  since: { eph: number; dms: number },
) {
  return [
    ...slack.workspace.ephemerals.slice(since.eph).map((e) => e.text),
    ...slack.workspace.dmsTo(PEOPLE.agent).slice(since.dms).map((m) => m.text),
  ];
}
export const mark = (slack: FakeSlack) => ({
  eph: slack.workspace.ephemerals.length,
  dms: slack.workspace.dmsTo(PEOPLE.agent).length,
});

export const SAYS_NONE =
  /No ticket was made|no ticket was made|can't read messages/;

/** Twin deliveries with a failure at each call of either, made as `mode`. */
export async function twinDeliveries(t: Deno.TestContext, mode: Mode) {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const post = (text: string) =>
    slack.workspace.postAs(PEOPLE.requester, GENERAL, text).ts;
  const clean = post("Printer jammed");
  slack.workspace.react(GENERAL, clean, "ticket", PEOPLE.agent);
  const calls = await callsOf(slack, () => deliver(slack, clean, PEOPLE.agent));
  for (let index = 0; index < calls; index++) {
    await t.step(`call ${index + 1} of ${calls}: ${mode}`, async () => {
      const ts = post(`Printer jam ${index} (${mode})`);
      const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
      slack.workspace.react(GENERAL, ts, "ticket", PEOPLE.agent);
      const since = mark(slack);
      failCall(slack, index, mode);
      await Promise.all([
        deliver(slack, ts, PEOPLE.agent),
        deliver(slack, ts, PEOPLE.agent),
      ]);
      const existed = await getTicket(checkerClient(slack), id);
      const told = toldSince(slack, since);
      for (const text of told) {
        if (SAYS_NONE.test(text)) assert.ok(!existed, text);
      }
      // They do what they were told: react again.
      if (told.some((text) => /react again/.test(text))) {
        await deliver(slack, ts, PEOPLE.agent);
      }
      await scheduledCheck(slack);
      const ticket = await getTicket(checkerClient(slack), id);
      assert.ok(ticket, "no ticket");
      assert.equal(ticket.setup_pending, undefined, "not finished");
      const cards = slack.workspace.messagesIn(TRIAGE).filter((m) =>
        m.text.includes(ticket.key) && !m.thread_ts
      );
      assert.equal(cards.length, 1, `${cards.length} cards`);
    });
  }
}
