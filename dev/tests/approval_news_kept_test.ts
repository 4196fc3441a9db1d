// The requester's news of an approver's decision is kept, as every change's
// news is, when Slack refuses it for a passing reason: the scheduled check
// sends it, with the approver's reason, instead of it never arriving.
import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack, storedTicket } from "../testing/harness.ts";
import { configureQueues, ROLE_PEOPLE } from "../testing/queue_fixtures.ts";
import { click, openLaptop, submitDenial } from "../testing/queue_actions.ts";
import type { OutboxMessage } from "../../slack/workspace/outbox.ts";

const SUPER = ROLE_PEOPLE.superuser;

async function keptFor(
  slack: Parameters<typeof storedTicket>[0],
  id: string,
) {
  const saved = await storedTicket(slack, id);
  return {
    saved,
    kept: (saved.outbox ?? []).map((json) => JSON.parse(json) as OutboxMessage)
      .filter((m) => m.channel === PEOPLE.requester),
  };
}

Deno.test("a decision's DM refused for now is kept for the requester", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const toRequester = (args: Record<string, unknown>) =>
    args.channel === PEOPLE.requester;

  await t.step("denied: the reason reaches them later", async () => {
    const ticket = await openLaptop(slack);
    slack.fail({
      method: "chat.postMessage",
      error: "internal_error",
      when: toRequester,
    });
    await submitDenial(slack, ticket.id, SUPER, "No budget this quarter");
    slack.clearFailures();
    const { saved, kept } = await keptFor(slack, ticket.id);
    assert.equal(saved.approval, "denied");
    assert.equal(kept.length, 1, JSON.stringify(saved.outbox));
    assert.match(kept[0].text, /No budget this quarter/);
    assert.equal(saved.outbox_due, true);
  });

  await t.step("approved: they hear it later too", async () => {
    const ticket = await openLaptop(slack);
    slack.fail({
      method: "chat.postMessage",
      error: "internal_error",
      when: toRequester,
    });
    await click(slack, ticket.id, "approve", SUPER);
    slack.clearFailures();
    const { saved, kept } = await keptFor(slack, ticket.id);
    assert.equal(saved.approval, "approved");
    assert.equal(kept.length, 1, JSON.stringify(saved.outbox));
    assert.match(kept[0].text, /approved your request/);
  });
});
