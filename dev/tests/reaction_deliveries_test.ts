// A :ticket: reaction delivered twice at once, with a failure at each Slack
// call of either refused before it did anything
// (dev/testing/reaction_deliveries.ts; reaction_deliveries_lost_test.ts has
// the calls done but answered with an error). And a mark left by a run that
// could not finish (its ticket not saved, its mark not taken back) expires:
// reacting again makes the ticket instead of asking for what only Helpdesk
// can do.
import assert from "node:assert/strict";
import {
  clientFor,
  GENERAL,
  intakeQueue,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import {
  mark,
  toldSince,
  twinDeliveries,
} from "../testing/reaction_deliveries.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/message_ticket.ts";
import { ticketFromMessage } from "../../use_cases/opening/message_intake.ts";
import { shortWaits } from "../testing/short_waits.ts";

Deno.test("one reaction delivered twice: a failure at each call of either, refused", async (t) => {
  await twinDeliveries(t, "refused");
});

Deno.test("a mark left by a run that could not finish expires", async (t) => {
  // One run at a time: nobody else can be saving while a run waits on the
  // mark (short_waits.ts). The deliveries at the same instant wait as
  // Helpdesk does.
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
