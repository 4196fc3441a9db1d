// The card races while a read made within 300 ms of a write may answer any
// version written since, not only the one before the newest (the fake's
// stale reads with depth "any"): what the lock's guard is held to beyond one
// write behind (docs/platform.md, "Stale reads"). Two races, 30 rounds
// each, to keep the suite's time.
import assert from "node:assert/strict";
import { startRaceSlack } from "../testing/harness.ts";
import { runRace } from "../testing/card_races.ts";
import { assertSound, racesNamed } from "../testing/card_race_tests.ts";

Deno.test("two clicks at the same instant, with reads several writes behind: nothing lost", async (t) => {
  await using slack = await startRaceSlack({
    staleReads: { windowMs: 300, chance: 0.5, depth: "any" },
  });
  for (const race of racesNamed(["waiting vs resolve", "close vs reopen"])) {
    await t.step(`${race.name}, 30 rounds, 10 at once`, async () => {
      assertSound(await runRace(slack, race, 30, 10), 30);
    });
  }
  assert.ok(slack.staleAnswers > 0, "none stale");
});
