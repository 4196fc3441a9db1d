// Two people acting on one ticket at the same instant (dev/testing/
// card_races.ts), on a fake Slack whose answers arrive in random order. Each
// race runs 100 rounds, each round on its own ticket; many rounds run at
// once. Then again while Slack fails the lock's reactions now and then (429s
// with Retry-After, 5xx before and after the reaction landed), and while the
// datastore answers reads made soon after a write with the item before it.
import assert from "node:assert/strict";
import { configure, startFakeSlack } from "../testing/harness.ts";
import {
  type Race,
  RACES,
  runRace,
  type Tally,
} from "../testing/card_races.ts";
import type { FakeSlackOptions } from "../testing/fake_slack/server.ts";

function assertSound(tally: Tally, rounds: number) {
  assert.equal(tally.rounds, rounds);
  assert.equal(tally.lostUpdates, 0, JSON.stringify(tally));
  assert.equal(tally.cardDisagreements, 0, JSON.stringify(tally));
  assert.equal(tally.untold, 0, JSON.stringify(tally));
  assert.equal(tally.applied + tally.refused, tally.clicks);
}

Deno.test("two clicks on one ticket at the same instant: nothing lost, the card tells the truth", async (t) => {
  await using slack = await startFakeSlack({ latencyMs: 1, jitterMs: 12 });
  await configure(slack);
  const totals: Record<string, Tally> = {};
  for (const race of RACES) {
    await t.step(`${race.name}, 100 rounds`, async () => {
      const tally = await runRace(slack, race, 100);
      totals[race.name] = tally;
      assertSound(tally, 100);
      // Both orders are possible, and the races are real: across the
      // rounds, at least one click was applied each time.
      assert.ok(tally.applied >= 100, JSON.stringify(tally));
    });
  }
  console.log("races:", JSON.stringify(totals));
});

/** The races that cover every surface: buttons, the modal, a reaction. */
const SOME: Race[] = RACES.filter((r) =>
  [
    "claim vs resolve",
    "close vs reopen",
    "assign (modal) vs resolve",
    ":eyes: vs resolve",
  ].includes(r.name)
);

/** Rates that make every round likely to meet a fault, and a stale read. */
const HOSTILE: Record<string, FakeSlackOptions> = {
  "429s and 5xx on the lock's reactions": {
    reactionFaults: { chance: 0.15 },
  },
  "stale reads": { staleReads: { windowMs: 300, chance: 0.5 } },
  "both": {
    reactionFaults: { chance: 0.15 },
    staleReads: { windowMs: 300, chance: 0.5 },
  },
};

for (const [mode, options] of Object.entries(HOSTILE)) {
  Deno.test(`two clicks at the same instant, with ${mode}: nothing lost, every refusal told`, async (t) => {
    const { staleReads, ...rest } = options;
    await using slack = await startFakeSlack({
      latencyMs: 1,
      jitterMs: 12,
      ...rest,
    });
    // Configured long before anyone clicks: its reads are not stale.
    await configure(slack);
    slack.staleReads = staleReads;
    const totals: Record<string, Tally> = {};
    for (const race of SOME) {
      await t.step(`${race.name}, 50 rounds`, async () => {
        const tally = await runRace(slack, race, 50);
        totals[race.name] = tally;
        assertSound(tally, 50);
        assert.ok(tally.applied >= 50, JSON.stringify(tally));
      });
    }
    if (options.reactionFaults) {
      assert.ok(Object.keys(slack.injectedFaults).length > 0, "no fault");
    }
    if (options.staleReads) assert.ok(slack.staleAnswers > 0, "none stale");
    console.log(
      `races with ${mode}:`,
      JSON.stringify(totals),
      JSON.stringify({
        faults: slack.injectedFaults,
        staleAnswers: slack.staleAnswers,
      }),
    );
  });
}
