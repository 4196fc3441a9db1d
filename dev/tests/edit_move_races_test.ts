// Two people at the same instant on one ticket, where one of them edits or
// moves it (dev/testing/edit_move_races.ts), on a fake Slack whose answers
// arrive in random order: 100 rounds per race, each on its own ticket, 25 at
// a time. The same races with stale reads are in
// edit_move_races_stale_test.ts, so that `deno test --parallel` runs the
// two side by side.
import { raceAll, RACES } from "../testing/edit_move_races.ts";

Deno.test("edits and moves at the same instant: nothing lost, every card true", async (t) => {
  const { totals } = await raceAll(t, RACES, {}, 100, 25);
  console.log("edit and move races:", JSON.stringify(totals));
});
