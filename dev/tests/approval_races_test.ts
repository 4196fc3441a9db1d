// An approver's double click, and Approve against Deny, at the same instant
// (100 rounds each, many at once, on a fake Slack whose answers arrive in
// random order): the decision is taken once, one card reaches triage, the
// requester hears once, and the other click is told who decided.
import assert from "node:assert/strict";
import { PEOPLE, startRaceSlack, storedTicket } from "../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import { click, openLaptop, submitDenial } from "../testing/queue_actions.ts";
import type {
  FakeSlack,
  FakeSlackOptions,
} from "../testing/fake_slack/server.ts";

const ROUNDS = 100;
const AT_ONCE = 25;
const SUPER = ROLE_PEOPLE.superuser;

interface Tally {
  rounds: number;
  approved: number;
  denied: number;
  extraCards: number;
  extraDecisionDms: number;
  untold: number;
}

async function round(
  slack: FakeSlack,
  both: "approve twice" | "approve and deny",
  tally: Tally,
) {
  const ws = slack.workspace;
  const ticket = await openLaptop(slack);
  await Promise.all([
    click(slack, ticket.id, "approve", SUPER),
    both === "approve twice"
      ? click(slack, ticket.id, "approve", SUPER)
      : submitDenial(slack, ticket.id, SUPER, "No budget"),
  ]);
  const saved = await storedTicket(slack, ticket.id);
  const cards = ws.messagesIn(PEOPLE_TRIAGE).filter((m) =>
    m.text.includes(ticket.key)
  );
  const decisions = ws.dmsTo(PEOPLE.requester).filter((m) =>
    m.text.includes(ticket.key) && /approved|denied/.test(m.text)
  );
  if (saved.approval === "approved") {
    tally.approved++;
    if (cards.length !== 1 || saved.card_ts !== cards[0]?.ts) {
      tally.extraCards++;
    }
  } else {
    assert.equal(saved.approval, "denied");
    tally.denied++;
    if (cards.length !== 0) tally.extraCards++;
  }
  if (decisions.length !== 1) tally.extraDecisionDms++;
  // The click that lost was told who decided: in a DM for the button, or
  // under the Deny modal's field (the submission's answer, not counted). A
  // click that gave up waiting for the other (a loaded machine) was told
  // why instead, and that nothing changed.
  const toldSuper = ws.dmsTo(SUPER).some((m) =>
    m.text.includes(`${ticket.key} was already`) ||
    (m.text.includes(ticket.key) && m.text.includes("Nothing changed"))
  );
  if (both === "approve twice" && !toldSuper) tally.untold++;
  tally.rounds++;
}

async function raceAll(
  t: Deno.TestContext,
  options: FakeSlackOptions,
  rounds: number,
  atOnce: number,
) {
  await using slack = await startRaceSlack(options, configureQueues);
  const totals: Record<string, Tally> = {};
  for (const both of ["approve twice", "approve and deny"] as const) {
    await t.step(`${both}, ${rounds} rounds`, async () => {
      const tally: Tally = {
        rounds: 0,
        approved: 0,
        denied: 0,
        extraCards: 0,
        extraDecisionDms: 0,
        untold: 0,
      };
      for (let done = 0; done < rounds; done += atOnce) {
        await Promise.all(
          Array.from({ length: atOnce }, () => round(slack, both, tally)),
        );
      }
      totals[both] = tally;
      assert.equal(tally.rounds, rounds);
      assert.equal(tally.extraCards, 0);
      assert.equal(tally.extraDecisionDms, 0);
      assert.equal(tally.untold, 0);
      if (both === "approve twice") assert.equal(tally.approved, rounds);
    });
  }
  if (options.staleReads) {
    assert.ok(slack.staleAnswers > 0, "no read was stale");
  }
  return { totals, staleAnswers: slack.staleAnswers };
}

Deno.test("approval decisions at the same instant are taken once", async (t) => {
  const { totals } = await raceAll(t, {}, ROUNDS, AT_ONCE);
  console.log("approval races:", JSON.stringify(totals));
});

// Again while reads made within 300 ms of a write may answer the item
// before it (fake_slack/stale_reads.ts); fewer rounds, as the suite's time
// is shared.
Deno.test("approval decisions at the same instant, with stale reads, are taken once", async (t) => {
  const result = await raceAll(
    t,
    { staleReads: { windowMs: 300, chance: 0.5 } },
    12,
    4,
  );
  console.log("approval races, stale reads:", JSON.stringify(result));
});
