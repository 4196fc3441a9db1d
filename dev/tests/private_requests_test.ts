// A private request's words never appear in a shared channel: not on its
// card, not in its thread, not in anything said there privately, whatever
// happens to it. Its details reach the queue's agents by DM only.
import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack, storedTicket } from "../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import {
  click,
  openComplaint,
  PRIVATE_ANSWER,
  PRIVATE_TEXT,
} from "../testing/queue_actions.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";

const SECRETS = [PRIVATE_TEXT, PRIVATE_ANSWER, "between us", "Complaint"];

function sharedChannelText(slack: FakeSlack): string {
  const ws = slack.workspace;
  const shared = [...ws.channels.values()].filter((c) => !c.is_im);
  return JSON.stringify([
    ...shared.flatMap((c) => ws.messagesIn(c.id)),
    ...ws.ephemerals.filter((e) => shared.some((c) => c.id === e.channel)),
  ]);
}

Deno.test("private requests", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ws = slack.workspace;
  const ticket = await openComplaint(slack);

  await t.step("the card shows only the key and “private request”", () => {
    const card = ws.findMessage(PEOPLE_TRIAGE, ticket.card_ts!)!;
    assert.match(card.text, new RegExp(`^${ticket.key} New: Private request$`));
    const blocks = JSON.stringify(card.blocks);
    assert.match(blocks, /Private request/);
    assert.match(blocks, /Show details/);
    assert.doesNotMatch(blocks, /UREQUESTER/, "not even who asked");
  });

  await t.step("the queue's agents get the details by DM", () => {
    for (
      const agent of [
        ROLE_PEOPLE.owner,
        ROLE_PEOPLE.member,
        ROLE_PEOPLE.groupMember,
        ROLE_PEOPLE.channelMember,
        ROLE_PEOPLE.admin,
        ROLE_PEOPLE.superuser,
      ]
    ) {
      const dm = JSON.stringify(ws.dmsTo(agent).at(-1)?.blocks ?? []);
      assert.match(dm, new RegExp(PRIVATE_ANSWER), agent);
    }
    assert.equal(ws.dmsTo(ROLE_PEOPLE.outsider).length, 0);
  });

  await t.step(
    "working it to closed leaks nothing into the channel",
    async () => {
      await click(slack, ticket.id, "details", ROLE_PEOPLE.outsider);
      await click(slack, ticket.id, "claim", ROLE_PEOPLE.member);
      await click(slack, ticket.id, "wait", ROLE_PEOPLE.member);
      await click(slack, ticket.id, "start", ROLE_PEOPLE.member);
      await click(slack, ticket.id, "resolve", ROLE_PEOPLE.member);
      await click(slack, ticket.id, "close", PEOPLE.requester);
      await click(slack, ticket.id, "details", ROLE_PEOPLE.admin);
      assert.equal((await storedTicket(slack, ticket.id)).status, "closed");
      assert.ok(ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!).length >= 5);
      const shared = sharedChannelText(slack);
      for (const secret of SECRETS) {
        assert.ok(
          !shared.includes(secret),
          `“${secret}” is in a shared channel`,
        );
      }
    },
  );

  await t.step(
    "someone outside the queue is refused, without the details",
    () => {
      const refusal = [
        ...ws.ephemerals.filter((e) => e.user === ROLE_PEOPLE.outsider),
        ...ws.dmsTo(ROLE_PEOPLE.outsider),
      ];
      assert.equal(refusal.length, 1);
      assert.match(refusal[0].text, /is a private request/);
      assert.ok(!JSON.stringify(refusal).includes(PRIVATE_TEXT));
    },
  );
});
