import assert from "node:assert/strict";
import { explainFailure, waitInWords } from "./error_messages.ts";
import { SlackCallError } from "./slack_call.ts";

Deno.test("a rate limit tells the wait in words a person reads", async (t) => {
  const told = (retryAfterSeconds?: number, code = "ratelimited") =>
    explainFailure(
      new SlackCallError("chat.update", code, { retryAfterSeconds }),
    );

  await t.step("one second is singular", () => {
    assert.equal(
      told(1),
      "Slack asked Helpdesk to slow down; try again in 1 second.",
    );
    assert.doesNotMatch(told(undefined), /1 seconds/);
  });

  await t.step("more than one is plural; fractions round up", () => {
    assert.match(told(7), /try again in 7 seconds\.$/);
    assert.match(told(1.2), /try again in 2 seconds\.$/);
    assert.match(told(0), /try again in 1 second\.$/);
  });

  await t.step("a minute or more is said in minutes", () => {
    assert.match(told(60), /try again in 1 minute\.$/);
    assert.match(told(61), /try again in 2 minutes\.$/);
    assert.equal(waitInWords(300), "5 minutes");
  });

  await t.step("the datastore's team_quota_exceeded reads the same", () => {
    assert.match(
      told(undefined, "team_quota_exceeded"),
      /^Slack asked Helpdesk to slow down; try again in 1 minute\.$/,
    );
    assert.match(told(3, "team_quota_exceeded"), /try again in 3 seconds\.$/);
  });
});
