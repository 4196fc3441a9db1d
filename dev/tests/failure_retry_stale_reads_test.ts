// The failure-and-retry scenarios (dev/testing/failure_retry_scenarios.ts)
// again, on a datastore whose reads made within 300 ms of a write answer
// the item before it half the time, as DynamoDB's default reads may
// (dev/testing/fake_slack/stale_reads.ts). Every read Helpdesk makes may be
// stale; the checks' own reads are not. A failed write is then never
// judged by reading it back (slack/api/passing_failures.ts).
//
// The :ticket: reaction's calls before the ticket is read (its mark's, which
// the lock's tests run on stale reads) are left out: each of them costs the
// mark's grace of a second or more, and stale reads change nothing there.
import assert from "node:assert/strict";
import {
  cardActionRetries,
  formRetries,
  reactionRetries,
  tally,
  type Variant,
} from "../testing/failure_retry_scenarios.ts";

const STALE: Variant = {
  options: { staleReads: { windowMs: 300, chance: 0.5 } },
};
/** The first call of the reaction's run that reads the ticket (0-based). */
const REACTION_TICKET_READ = 9;

// Few of the form's reads can be stale (it reads what a failed attempt
// wrote only when it is submitted again): how many is logged, not asserted.
Deno.test("opening from the form, with stale reads: a failure at each call, then the form again", async (t) => {
  const stale = await formRetries(t, STALE);
  console.log("stale answers in the form's retries:", stale);
});

Deno.test("a :ticket: reaction, with stale reads: a failure at each call of the opening, then another reaction", async (t) => {
  const stale = await reactionRetries(t, {
    ...STALE,
    failing: (index) => index >= REACTION_TICKET_READ,
  });
  assert.ok(stale > 0, "no read was stale");
});

Deno.test("a card action, with stale reads: a failure at each call, then the click again", async (t) => {
  const stale = await cardActionRetries(t, STALE);
  assert.ok(stale > 0, "no read was stale");
  assert.equal(tally.duplicates, 0);
  assert.equal(tally.untruthful, 0);
  console.log("failure injection with stale reads:", JSON.stringify(tally));
});
