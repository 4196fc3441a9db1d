// Two edits of different fields, and an edit against a move, at the same
// instant on one ticket (dev/testing/edit_move_races.ts): 100 rounds per
// race, each on its own ticket, 25 at a time (see edit_move_races_test.ts).
import { raceAll, racesStarting } from "../testing/edit_move_races.ts";

Deno.test("edits of different fields, and an edit against a move, at the same instant: nothing lost, every card true", async (t) => {
  const { totals } = await raceAll(
    t,
    racesStarting("edit summary (A) vs edit priority", "edit (B) vs move"),
    {},
    100,
    25,
  );
  console.log("edit and move races:", JSON.stringify(totals));
});
