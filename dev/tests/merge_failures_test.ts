// A failure at every Slack call of a merge, then the form again and the
// scheduled check (dev/testing/merge_failures.ts says what must hold after).
import { mergeFailures } from "../testing/merge_failures.ts";

Deno.test("Merge into…: a failure at each call, then the form again", async (t) => {
  await mergeFailures(t);
});
