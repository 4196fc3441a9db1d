// Where the conversation must not lose words: two tickets made in one
// thread keep to their own requesters, and a ticket that takes nothing now
// (closed, or waiting for approval) says so the same way on both sides,
// passing nothing on and telling nobody it did.
import assert from "node:assert/strict";
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  CONVERSATION_VIEWS,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import relayHandler from "../../functions/requester_message/handler.ts";
import messageToTicket from "../../functions/message_to_ticket/handler.ts";
import {
  clientFor,
  functionContext,
  GENERAL,
  intakeQueue,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** :ticket: on a message, as the trigger hands it (a reply's thread too). */
async function ticketFrom(slack: FakeSlack, ts: string) {
  slack.workspace.react(GENERAL, ts, "ticket", PEOPLE.agent);
  const parent = slack.workspace.findMessage(GENERAL, ts)?.thread_ts;
  await messageToTicket(functionContext("message_to_ticket", slack, {
    channel: GENERAL,
    message_ts: ts,
    message_link: slack.workspace.permalink(GENERAL, ts, parent),
    ...(parent && parent !== ts
      ? { parent_message_link: slack.workspace.permalink(GENERAL, parent) }
      : {}),
    reaction: "ticket",
    user: PEOPLE.agent,
  }));
  return await storedTicket(
    slack,
    await ticketIdFor(creationKeys.message(GENERAL, ts)),
  );
}

function say(slack: FakeSlack, who: string, text: string, threadTs: string) {
  const ts = slack.workspace.postAs(who, GENERAL, text, threadTs).ts;
  return relayHandler(functionContext("requester_message", slack, {
    channel: GENERAL,
    message_ts: ts,
    thread_ts: threadTs,
  }));
}

const cardThread = (slack: FakeSlack, ticket: Ticket) =>
  slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).map((m) => m.text);

Deno.test("two tickets made in one thread keep their own replies", async () => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const root = slack.workspace.postAs(PEOPLE.admin, GENERAL, "Anyone else?").ts;
  const first = slack.workspace.postAs(
    PEOPLE.requester,
    GENERAL,
    "My laptop won't boot",
    root,
  ).ts;
  const mine = await ticketFrom(slack, first);
  const second = slack.workspace.postAs(
    PEOPLE.bystander,
    GENERAL,
    "Mine neither, and the printer",
    root,
  ).ts;
  const theirs = await ticketFrom(slack, second);
  assert.notEqual(mine.id, theirs.id);
  await putTicket(clientFor(slack), {
    ...mine,
    status: "waiting_on_requester",
  });

  const relayed = await say(
    slack,
    PEOPLE.requester,
    "It shows a fan icon",
    root,
  );
  assert.equal(relayed.outputs?.ticket_id, mine.id);
  assert.match(cardThread(slack, mine).join("\n"), /fan icon/);
  assert.doesNotMatch(cardThread(slack, theirs).join("\n"), /fan icon/);
  assert.equal((await storedTicket(slack, mine.id)).status, "in_progress");

  const other = await say(slack, PEOPLE.bystander, "Printer is HP", root);
  assert.equal(other.outputs?.ticket_id, theirs.id);
  assert.match(cardThread(slack, theirs).join("\n"), /Printer is HP/);
});

function comment(slack: FakeSlack, ticket: Ticket, text: string) {
  return submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.comment,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: `Fx0C${crypto.randomUUID().slice(0, 6)}`,
      user: PEOPLE.requester,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: text } },
      },
    }),
  ) as Promise<{ errors?: Record<string, string> } | undefined>;
}

Deno.test("a ticket that takes nothing now says so on both sides alike", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);

  for (
    const [name, changes, reason] of [
      ["closed", { status: "closed" }, /is closed, so this was not passed/],
      [
        "waiting for approval",
        { approval: "pending", status: "new" },
        /is waiting for approval, so this was not passed on/,
      ],
    ] as const
  ) {
    await t.step(
      `${name}: the DM's Add to ticket passes nothing on`,
      async () => {
        const ticket = await openTestTicket(slack, changes as Partial<Ticket>);
        const posted = slack.workspace.messages.length;
        const answer = await comment(slack, ticket, "One more thing");
        assert.match(answer?.errors?.message ?? "", reason);
        // Nothing said anywhere, and nobody told "the agents have it".
        assert.equal(slack.workspace.messages.length, posted);
        assert.equal(
          (await storedTicket(slack, ticket.id)).updated_at,
          ticket.updated_at,
        );
      },
    );

    await t.step(
      `${name}: the requester's thread passes nothing on`,
      async () => {
        const root = slack.workspace.postAs(PEOPLE.requester, GENERAL, "Help")
          .ts;
        const ticket = await ticketFrom(slack, root);
        await putTicket(clientFor(slack), { ...ticket, ...changes } as Ticket);
        const inCard = cardThread(slack, ticket).length;
        const ephemerals = slack.workspace.ephemerals.length;
        const relayed = await say(slack, PEOPLE.requester, "One more", root);
        assert.equal(relayed.outputs?.ticket_id ?? "", "");
        assert.equal(cardThread(slack, ticket).length, inCard);
        const told = slack.workspace.ephemerals.slice(ephemerals);
        assert.equal(told.length, 1);
        assert.match(told[0].text, reason);
      },
    );
  }
});
