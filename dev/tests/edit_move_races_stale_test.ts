// The edit and move races (dev/testing/edit_move_races.ts) while reads made
// within 300 ms of a write may answer the item before it
// (fake_slack/stale_reads.ts): 12 rounds per race, 4 at a time, fewer than
// without stale reads as the suite's time is shared.
import { raceAll, RACES } from "../testing/edit_move_races.ts";

Deno.test("edits and moves at the same instant, with stale reads: nothing lost, every card true", async (t) => {
  const result = await raceAll(
    t,
    RACES,
    { staleReads: { windowMs: 300, chance: 0.5 } },
    12,
    4,
  );
  console.log("edit and move races, stale reads:", JSON.stringify(result));
});
