// A :ticket: reaction delivered twice at once (Slack redelivers; two people
// react together), with a failure at each Slack call of either delivery,
// then what the reactor was told to do, then the scheduled check. There is
// exactly one ticket, and nobody was told "no ticket was made" of a message
// that had one. And a mark left by a run that could not finish (its ticket
// not saved, its mark not taken back) expires: reacting again makes the
// ticket instead of asking for what only Helpdesk can do.
import assert from "node:assert/strict";
import messageToTicket from "../../functions/message_to_ticket/handler.ts";
import {
  checkerClient,
  clientFor,
  configure,
  functionContext,
  GENERAL,
  PEOPLE,
  settled,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import {
  callsOf,
  failCall,
  MODES,
  scheduledCheck,
} from "../testing/failure_injection.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import { getTicket } from "../../slack/storage/ticket_store.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/message_ticket.ts";
import { ticketFromMessage } from "../../use_cases/opening/message_intake.ts";
import { shortWaits } from "../testing/short_waits.ts";

async function intakeQueue(slack: FakeSlack) {
  await configure(slack);
  await putQueue(clientFor(slack), {
    id: "default",
    name: "Helpdesk",
    triage_channel: TRIAGE,
    intake_channels: [GENERAL],
    members: [PEOPLE.agent],
    admins: [],
    superusers: [],
  });
  slack.workspace.channels.get(GENERAL)!.members.add(BOT_USER_ID);
  // Set up long before anyone reacts: its reads are not stale.
  await settled(slack);
}

/** One delivery of the reaction event: the step as the trigger runs it. */
function deliver(slack: FakeSlack, ts: string, user: string) {
  return messageToTicket(functionContext("message_to_ticket", slack, {
    channel: GENERAL,
    message_ts: ts,
    message_link: slack.workspace.permalink(GENERAL, ts),
    reaction: "ticket",
    user,
  }));
}

/** What people were told privately since `since` ephemerals and DMs. */
function toldSince(slack: FakeSlack, since: { eph: number; dms: number }) {
  return [
    ...slack.workspace.ephemerals.slice(since.eph).map((e) => e.text),
    ...slack.workspace.dmsTo(PEOPLE.agent).slice(since.dms).map((m) => m.text),
  ];
}
const mark = (slack: FakeSlack) => ({
  eph: slack.workspace.ephemerals.length,
  dms: slack.workspace.dmsTo(PEOPLE.agent).length,
});

const SAYS_NONE = /No ticket was made|no ticket was made|can't read messages/;

Deno.test("one reaction delivered twice: a failure at each call of either", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const post = (text: string) =>
    slack.workspace.postAs(PEOPLE.requester, GENERAL, text).ts;
  const clean = post("Printer jammed");
  slack.workspace.react(GENERAL, clean, "ticket", PEOPLE.agent);
  const calls = await callsOf(slack, () => deliver(slack, clean, PEOPLE.agent));
  for (const mode of MODES) {
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
});

Deno.test("a mark left by a run that could not finish expires", async (t) => {
  // One run at a time: nobody else can be saving while a run waits on the
  // mark (short_waits.ts). The deliveries at the same instant above wait
  // as Helpdesk does.
  using _waits = shortWaits();
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const client = clientFor(slack);
  const tryIt = (ts: string, nowMs?: number) =>
    ticketFromMessage(client, {
      channel: GENERAL,
      message_ts: ts,
      message_link: slack.workspace.permalink(GENERAL, ts),
      reaction: "ticket",
      user: PEOPLE.agent,
    }, { nowMs });

  await t.step(
    "saving and taking the mark back both failed: reacting again makes it",
    async () => {
      const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, "VPN down")
        .ts;
      slack.workspace.react(GENERAL, ts, "ticket", PEOPLE.agent);
      // Twice: a save that fails for a passing reason is asked again.
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        when: (args) => args.datastore === "tickets",
        times: 2,
      });
      slack.fail({ method: "reactions.remove", error: "internal_error" });
      await assert.rejects(tryIt(ts));
      const stuck = slack.workspace.findMessage(GENERAL, ts)!.reactions!
        .find((r) => r.name === TICKET_MARK);
      assert.ok(stuck?.users.includes(BOT_USER_ID), "the mark stayed");
      const since = mark(slack);
      const outcome = await tryIt(ts);
      assert.equal(outcome.kind, "opened");
      for (const text of toldSince(slack, since)) {
        assert.doesNotMatch(text, /remove Helpdesk's/, text);
      }
    },
  );

  await t.step(
    "a run that died holding the mark: it expires, then reacting again makes it",
    async () => {
      const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, "Mail down")
        .ts;
      slack.workspace.react(GENERAL, ts, "ticket", PEOPLE.agent);
      // Its run died right after taking the mark: nothing else is known.
      slack.workspace.react(GENERAL, ts, TICKET_MARK, BOT_USER_ID);
      const since = mark(slack);
      const now = Date.now();
      const first = await tryIt(ts, now);
      assert.equal(first.kind, "duplicate");
      const told = toldSince(slack, since);
      assert.equal(told.length, 1);
      assert.doesNotMatch(told[0], /remove Helpdesk's/);
      assert.match(told[0], /react again/);
      // Later than any run can live: the mark is cleared and taken again.
      // That long after, every read sees what the first run wrote.
      slack.settleReads();
      const later = await tryIt(ts, now + 3 * 60_000);
      assert.equal(later.kind, "opened");
    },
  );
});
