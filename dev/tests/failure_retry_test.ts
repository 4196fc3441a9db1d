// A failure at every Slack call of opening a ticket and of a card action,
// then what Slack makes happen next (dev/testing/failure_retry_scenarios.ts
// says what each scenario checks).
import {
  cardActionRetries,
  formRetries,
  reactionRetries,
  tally,
} from "../testing/failure_retry_scenarios.ts";
import { shortWaits } from "../testing/short_waits.ts";

Deno.test("opening a ticket from the form: a failure at each call, then the form again", async (t) => {
  await formRetries(t);
});

Deno.test("a :ticket: reaction: a failure at each call, then another reaction", async (t) => {
  // Each reaction's run ends before the next starts: no other run can be
  // saving while a failed one waits for it (short_waits.ts).
  using _waits = shortWaits();
  await reactionRetries(t);
});

Deno.test("a card action: a failure at each call, then the click again", async (t) => {
  await cardActionRetries(t);
  console.log("failure injection:", JSON.stringify(tally));
});
