import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { loseBothAnswers } from "../../dev/testing/claim_races.ts";
import { takeMark } from "./reaction_marks.ts";

Deno.test(
  "a mark two runs both may have taken, their answers lost: one of them has it",
  async () => {
    await using slack = await startFakeSlack();
    await configure(slack);
    const ticket = await openTestTicket(slack);
    const spot = {
      channel: TRIAGE,
      timestamp: ticket.card_ts!,
      name: "envelope_with_arrow",
    };
    loseBothAnswers(slack);
    const outcomes = await Promise.all([
      takeMark(clientFor(slack), spot, "first"),
      takeMark(clientFor(slack), spot, "second"),
    ]);
    const kinds = outcomes.map((o) => o.kind).sort();
    assert.deepEqual(kinds, ["held", "taken"], JSON.stringify(outcomes));
    const record = await slack.datastores.get(
      "locks",
      `mark:envelope_with_arrow:${TRIAGE}:${ticket.card_ts}`,
    );
    const taken = outcomes.find((o) => o.kind === "taken");
    assert.equal(
      record.holder,
      taken?.kind === "taken" ? taken.mark.record.holder : undefined,
      "the record names the run that has it",
    );
  },
);
