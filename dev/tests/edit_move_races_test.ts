// Two people at the same instant on one ticket, where one of them moves it
// or both edit it (dev/testing/edit_move_races.ts), on a fake Slack whose
// answers arrive in random order: 100 rounds per race, each on its own
// ticket, 25 at a time. The other races, and all of them with stale reads,
// are in the edit_move_races_*_test.ts files beside this one, so that
// `deno test --parallel` runs them side by side.
import { raceAll, racesStarting } from "../testing/edit_move_races.ts";

Deno.test("moves and edits of one field at the same instant: nothing lost, every card true", async (t) => {
  const { totals } = await raceAll(
    t,
    racesStarting("move (A) vs resolve", "edit summary (A) vs edit summary"),
    {},
    100,
    25,
  );
  console.log("edit and move races:", JSON.stringify(totals));
});
