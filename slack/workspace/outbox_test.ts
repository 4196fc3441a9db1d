import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { flushOutbox } from "./outbox.ts";

Deno.test("a kept message Slack refuses for good when sent again: the card's thread is told", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  for (const isPrivate of [false, true]) {
    await t.step(
      isPrivate ? "a private ticket: without its words" : "with its words",
      async () => {
        // Kept after a passing failure; by the scheduled check, the
        // requester has left, and Slack refuses it for good.
        const words = "> Try the printer on the 2nd floor";
        const ticket = await openTestTicket(slack, {
          private: isPrivate,
          outbox: [JSON.stringify({ channel: PEOPLE.requester, text: words })],
          outbox_due: true,
        });
        slack.workspace.users.get(PEOPLE.requester)!.deleted = true;
        const since = slack.workspace.messages.length;
        try {
          const sent = await flushOutbox(
            client,
            await storedTicket(slack, ticket.id),
          );
          assert.equal(sent, 0);
        } finally {
          slack.workspace.users.get(PEOPLE.requester)!.deleted = false;
        }
        const inCard = slack.workspace.messages.slice(since).filter((m) =>
          m.channel === ticket.card_channel && m.thread_ts === ticket.card_ts
        );
        assert.equal(inCard.length, 1);
        assert.match(
          inCard[0].text,
          new RegExp(
            `about ${ticket.key} did not reach <@${PEOPLE.requester}>, and Helpdesk will not try again`,
          ),
        );
        assert.equal(inCard[0].text.includes(words), !isPrivate);
        const stored = await storedTicket(slack, ticket.id);
        assert.deepEqual(stored.outbox ?? [], []);
        assert.ok(!stored.outbox_due);
      },
    );
  }
});
