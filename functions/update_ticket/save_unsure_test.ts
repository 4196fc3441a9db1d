// A change whose save's answers are both lost (the second attempt landed)
// while reads lag behind writes, as DynamoDB's default reads may: it is
// saved, so it is shown and told as saved, never "Slack refused".
import assert from "node:assert/strict";
import { click } from "../../dev/testing/queue_actions.ts";
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";

Deno.test("a resolve saved with its answer lost, read back stale, is told as done", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  await click(slack, ticket.id, "claim", PEOPLE.agent);
  slack.settleReads();
  // Every read within 300 ms of a write answers the item before it.
  slack.staleReads = { windowMs: 300, chance: 1 };
  const isTicket = (args: Record<string, unknown>) =>
    args.datastore === "tickets";
  // The save refused, then carried out with its answer lost.
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    when: isTicket,
  });
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    afterEffect: true,
    when: isTicket,
  });
  const dms = slack.workspace.dmsTo(PEOPLE.requester).length;
  const result = await click(slack, ticket.id, "resolve", PEOPLE.agent);
  slack.clearFailures();
  slack.staleReads = undefined;

  await t.step("it is saved", async () => {
    assert.equal((await storedTicket(slack, ticket.id)).status, "resolved");
  });

  await t.step("the agent is not told it failed", () => {
    assert.equal(result.error, undefined, JSON.stringify(result));
    assert.equal(result.outputs?.status, "resolved");
    const told = [
      ...slack.workspace.ephemerals.filter((e) => e.user === PEOPLE.agent),
      ...slack.workspace.dmsTo(PEOPLE.agent),
    ].map((m) => m.text);
    assert.deepEqual(told.filter((t) => /refused|Try again/.test(t)), []);
  });

  await t.step("the requester hears it is resolved; the thread says so", () => {
    const news = slack.workspace.dmsTo(PEOPLE.requester).slice(dms);
    assert.equal(news.length, 1, JSON.stringify(news));
    assert.match(news[0].text, /resolved/);
    assert.match(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!.text,
      /resolved/,
    );
  });
});
