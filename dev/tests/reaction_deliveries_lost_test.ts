// A :ticket: reaction delivered twice at once, with a failure at each Slack
// call of either done but answered with an error (a timeout after the
// write): see dev/testing/reaction_deliveries.ts, and
// reaction_deliveries_test.ts for the calls refused.
import { twinDeliveries } from "../testing/reaction_deliveries.ts";

Deno.test("one reaction delivered twice: a failure at each call of either, its answer lost", async (t) => {
  await twinDeliveries(t, "done, answer lost");
});
