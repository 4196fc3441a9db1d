// The Workflow Builder step with a queue and a request type: named by the
// builder (by name or id), or left empty for the default queue. A name that
// is no queue or type opens nothing and says which exist, escaped; a step
// retried after a failure opens one ticket, in the queue named.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CREATE_TICKET_CALLBACK_ID } from "./definition.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  COMPLAINT,
  configureQueues,
  LAPTOP,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { showsInert } from "../../dev/testing/hostile_text.ts";

const BASE = {
  summary: "Badge stopped working",
  description: "Since this morning.",
  priority: "normal",
  requester: PEOPLE.requester,
};

function step(
  slack: FakeSlack,
  inputs: Record<string, unknown>,
  executionId?: string,
) {
  const context = functionContext(CREATE_TICKET_CALLBACK_ID, slack, {
    ...BASE,
    ...inputs,
  });
  // A retried step run comes back with the same execution.
  if (executionId) context.event.function_execution_id = executionId;
  return handler(context);
}

async function ticketCount(slack: FakeSlack) {
  return (await slack.datastores.query("tickets", { limit: 1000 })).items
    .length;
}

Deno.test("Create a Helpdesk ticket: the queue and request type a workflow names", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);

  await t.step("without them, the default queue, as always", async () => {
    const result = await step(slack, {});
    assert.equal(result.error, undefined, result.error);
    const ticket = await storedTicket(slack, result.outputs!.ticket_id);
    assert.equal(ticket.queue_id, "default");
    assert.equal(ticket.card_channel, TRIAGE);
  });

  await t.step("a queue by name (any case) or by id", async () => {
    for (const queue of ["people TEAM", PEOPLE_QUEUE.id]) {
      const result = await step(slack, { queue });
      assert.equal(result.error, undefined, result.error);
      const ticket = await storedTicket(slack, result.outputs!.ticket_id);
      assert.equal(ticket.queue_id, PEOPLE_QUEUE.id, queue);
      assert.equal(ticket.card_channel, PEOPLE_TRIAGE, queue);
      assert.ok(result.outputs!.card_permalink.includes(PEOPLE_TRIAGE));
    }
  });

  await t.step(
    "a request type: its approval, its privacy, its name as the category",
    async () => {
      const laptop = await step(slack, {
        queue: "People team",
        request_type: "new laptop",
      });
      assert.equal(laptop.error, undefined, laptop.error);
      const waiting = await storedTicket(slack, laptop.outputs!.ticket_id);
      assert.equal(waiting.request_type_id, LAPTOP.id);
      assert.equal(waiting.category, LAPTOP.name);
      assert.equal(waiting.approval, "pending");
      assert.equal(waiting.card_ts, undefined, "no card before approval");
      assert.match(
        JSON.stringify(slack.workspace.dmsTo(ROLE_PEOPLE.superuser).at(-1)),
        /Badge stopped working/,
      );
      // Both by id.
      const complaint = await step(slack, {
        queue: PEOPLE_QUEUE.id,
        request_type: COMPLAINT.id,
      });
      const secret = await storedTicket(slack, complaint.outputs!.ticket_id);
      assert.equal(secret.private, true);
      const card = slack.workspace.messagesIn(PEOPLE_TRIAGE).find((m) =>
        m.ts === secret.card_ts
      )!;
      assert.doesNotMatch(JSON.stringify(card), /Badge stopped working/);
    },
  );

  await t.step(
    "a queue or type that does not exist: no ticket, and the requester is told which exist",
    async () => {
      const before = await ticketCount(slack);
      const hostile = "<!channel> & <@U123>";
      const noQueue = await step(slack, { queue: hostile });
      assert.match(noQueue.error!, /which Helpdesk doesn't have/);
      const told = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text;
      assert.ok(showsInert(told, hostile, []), told);
      assert.match(told, /The queues are: “Helpdesk”, “People team”/);
      const noType = await step(slack, {
        queue: "People team",
        request_type: "Parking",
      });
      assert.match(
        noType.error!,
        /request type “Parking”, which the People team queue doesn't have.*Its request types are: “Complaint”, “New laptop”/,
      );
      // A type of another queue is not found through this one.
      const elsewhere = await step(slack, { request_type: LAPTOP.name });
      assert.match(elsewhere.error!, /the Helpdesk queue doesn't have/);
      assert.equal(await ticketCount(slack), before);
    },
  );

  await t.step(
    "a failure at Slack, then the same step run again: one ticket, in its queue",
    async () => {
      const before = await ticketCount(slack);
      // Twice: a card post that fails for a passing reason is looked for,
      // then posted again.
      slack.fail({
        method: "chat.postMessage",
        when: (args) => args.channel === PEOPLE_TRIAGE,
        error: "internal_error",
        times: 2,
      });
      const failed = await step(slack, { queue: "People team" }, "Fx0RETRY");
      assert.ok(failed.error, "the first run failed");
      const retried = await step(slack, { queue: "People team" }, "Fx0RETRY");
      assert.equal(retried.error, undefined, retried.error);
      assert.equal(await ticketCount(slack), before + 1);
      const ticket = await storedTicket(slack, retried.outputs!.ticket_id);
      assert.equal(ticket.queue_id, PEOPLE_QUEUE.id);
      assert.ok(ticket.card_ts);
      assert.equal(
        slack.workspace.messagesIn(PEOPLE_TRIAGE).filter((m) =>
          m.ts === ticket.card_ts
        ).length,
        1,
      );
    },
  );
});
