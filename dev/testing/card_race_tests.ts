// The card race tests (dev/tests/concurrent_changes*_test.ts), split into
// files so that `deno test --parallel` can run them on every core at once:
// the races with 1,400 rounds in all took one file about two minutes. Each
// file starts its own fake Slack; every round runs on its own ticket.
import assert from "node:assert/strict";
import { configure, startFakeSlack, startRaceSlack } from "./harness.ts";
import { type Race, RACES, runRace, type Tally } from "./card_races.ts";
import type { FakeSlackOptions } from "./fake_slack/server.ts";

export function assertSound(tally: Tally, rounds: number) {
  assert.equal(tally.rounds, rounds);
  assert.equal(tally.lostUpdates, 0, JSON.stringify(tally));
  assert.equal(tally.cardDisagreements, 0, JSON.stringify(tally));
  assert.equal(tally.untold, 0, JSON.stringify(tally));
  assert.equal(tally.applied + tally.refused, tally.clicks);
}

/** The races by name, in RACES' order; a name RACES lacks is an error. */
export function racesNamed(names: string[]): Race[] {
  for (const name of names) {
    if (!RACES.some((r) => r.name === name)) throw new Error(name);
  }
  return RACES.filter((r) => names.includes(r.name));
}

/** The name of a cleanRaces test of these races. */
export const cleanRacesName = (what: string) =>
  `two clicks on one ticket at the same instant (${what}): nothing lost, the card tells the truth`;

/**
 * A test of each race, 100 rounds, on a fake Slack whose answers arrive in
 * random order.
 */
export function cleanRaces(races: Race[]) {
  return async (t: Deno.TestContext) => {
    await using slack = await startFakeSlack({ latencyMs: 1, jitterMs: 12 });
    await configure(slack);
    const totals: Record<string, Tally> = {};
    for (const race of races) {
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
  };
}

/** The races that cover every surface: buttons, the modal, a reaction. */
export const SOME: Race[] = racesNamed([
  "claim vs resolve",
  "close vs reopen",
  "assign (modal) vs resolve",
  ":eyes: vs resolve",
]);

/** Rates that make every round likely to meet a fault, and a stale read. */
export const HOSTILE = {
  "429s and 5xx on the lock's reactions": {
    reactionFaults: { chance: 0.15 },
  },
  "stale reads": { staleReads: { windowMs: 300, chance: 0.5 } },
  "both": {
    reactionFaults: { chance: 0.15 },
    staleReads: { windowMs: 300, chance: 0.5 },
  },
} satisfies Record<string, FakeSlackOptions>;

/** The name of a hostileRaces test. */
export const hostileRacesName = (mode: keyof typeof HOSTILE) =>
  `two clicks at the same instant, with ${mode}: nothing lost, every refusal told`;

/**
 * A test of SOME, 50 rounds each, while Slack is hostile in the way `mode`
 * names.
 */
export function hostileRaces(mode: keyof typeof HOSTILE) {
  const options: FakeSlackOptions = HOSTILE[mode];
  return async (t: Deno.TestContext) => {
    await using slack = await startRaceSlack(options);
    const totals: Record<string, Tally> = {};
    for (const race of SOME) {
      await t.step(`${race.name}, 50 rounds`, async () => {
        const tally = await runRace(slack, race, 50);
        totals[race.name] = tally;
        assertSound(tally, 50);
        // Not vacuous: most rounds changed the ticket. A round whose two
        // clicks were both refused (each told why) is right while Slack
        // fails one reaction call in seven, so not every round must.
        assert.ok(tally.changedRounds >= 40, JSON.stringify(tally));
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
  };
}
