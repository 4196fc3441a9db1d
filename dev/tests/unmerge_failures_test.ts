// A failure at every Slack call of an unmerge, then the form again and the
// scheduled check (dev/testing/merge_failures.ts says what must hold after).
import { unmergeFailures } from "../testing/merge_failures.ts";

Deno.test("Unmerge…: a failure at each call, then the form again", async (t) => {
  await unmergeFailures(t);
});
