import assert from "node:assert/strict";
import handler from "./handler.ts";
import updateTicket from "../update_ticket/handler.ts";
import { UPDATE_TICKET_CALLBACK_ID } from "../update_ticket/definition.ts";
import {
  clientFor,
  functionContext,
  GENERAL,
  intakeQueue,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../dev/testing/fake_slack/workspace.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import {
  compareTimestamps,
  RELAYED_MARK,
  threadPosition,
} from "../../use_cases/conversation/thread_relay.ts";
import { ticketFromGeneral } from "../../dev/testing/reaction_deliveries.ts";

/** What the message_posted trigger hands the workflow. */
function delivered(slack: FakeSlack, ts: string, threadTs: string) {
  return handler(functionContext("requester_message", slack, {
    channel: GENERAL,
    message_ts: ts,
    thread_ts: threadTs,
  }));
}

const cardThread = (slack: FakeSlack, cardTs: string) =>
  slack.workspace.repliesTo(TRIAGE, cardTs).map((m) => m.text);

Deno.test("the requester's replies in their message's thread reach the agents", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const { ts, ticket } = await ticketFromGeneral(slack, "Printer jammed");
  assert.equal(ticket.requester_thread, `${GENERAL}:${ts}`);

  await t.step(
    "an agent's reply goes to that thread, for everyone there",
    async () => {
      const answer = await submitView(
        updateTicket,
        viewSubmissionContext(slack, {
          callbackId: "ticket_reply",
          functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
          executionId: "Fx0REPLY",
          user: PEOPLE.agent,
          privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
          values: {
            message: {
              message: { type: "plain_text_input", value: "Which floor?" },
            },
          },
        }),
      );
      assert.equal(answer, undefined);
      const reply = slack.workspace.repliesTo(GENERAL, ts).at(-1)!;
      assert.match(reply.text, /Which floor\?/);
      assert.equal(
        reply.bot_id !== undefined || reply.user === BOT_USER_ID,
        true,
      );
    },
  );

  await t.step(
    "the requester answers in the thread: the card's thread has it",
    async () => {
      const answer = slack.workspace.postAs(
        PEOPLE.requester,
        GENERAL,
        "Third floor <!channel>",
        ts,
      );
      const result = await delivered(slack, answer.ts, ts);
      assert.equal(result.outputs?.ticket_id, ticket.id);
      const said = cardThread(slack, ticket.card_ts!).at(-1)!;
      assert.match(said, new RegExp(`<@${PEOPLE.requester}> wrote:`));
      // Their @channel is quoted as words: it pings nobody in triage.
      assert.match(said, /Third floor @channel/);
      assert.doesNotMatch(said, /<!channel>/);
      const mark = slack.workspace.findMessage(GENERAL, answer.ts)!.reactions
        ?.find((r) => r.name === RELAYED_MARK);
      assert.deepEqual(mark?.users, [BOT_USER_ID]);
    },
  );

  await t.step("the same event delivered again is passed on once", async () => {
    const answer = slack.workspace.postAs(
      PEOPLE.requester,
      GENERAL,
      "It's the HP one",
      ts,
    );
    await Promise.all([
      delivered(slack, answer.ts, ts),
      delivered(slack, answer.ts, ts),
    ]);
    await delivered(slack, answer.ts, ts);
    const relays = cardThread(slack, ticket.card_ts!).filter((m) =>
      m.includes("the HP one")
    );
    assert.equal(relays.length, 1);
  });

  await t.step(
    "Helpdesk's own messages in the thread are not echoed",
    async () => {
      const before = cardThread(slack, ticket.card_ts!).length;
      for (const mine of slack.workspace.repliesTo(GENERAL, ts)) {
        if (mine.user === BOT_USER_ID || mine.bot_id) {
          await delivered(slack, mine.ts, ts);
        }
      }
      assert.equal(cardThread(slack, ticket.card_ts!).length, before);
    },
  );

  await t.step(
    "a colleague adds; only the requester's answer resumes a waiting ticket",
    async () => {
      await putTicket(clientFor(slack), {
        ...await storedTicket(slack, ticket.id),
        status: "waiting_on_requester",
        holds: [{ start: Math.floor(Date.now() / 1000) - 60 }],
      });
      const colleague = slack.workspace.postAs(
        PEOPLE.bystander,
        GENERAL,
        "Same for me",
        ts,
      );
      await delivered(slack, colleague.ts, ts);
      assert.equal(
        (await storedTicket(slack, ticket.id)).status,
        "waiting_on_requester",
      );
      assert.match(cardThread(slack, ticket.card_ts!).at(-1)!, /Same for me/);
      const requester = slack.workspace.postAs(
        PEOPLE.requester,
        GENERAL,
        "Still broken",
        ts,
      );
      await delivered(slack, requester.ts, ts);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.status, "in_progress");
      assert.ok(saved.holds?.every((h) => h.end !== undefined));
    },
  );

  await t.step(
    "a closed ticket's thread says so, privately, and passes nothing on",
    async () => {
      await putTicket(clientFor(slack), {
        ...await storedTicket(slack, ticket.id),
        status: "closed",
        closed_at: Math.floor(Date.now() / 1000),
      });
      const before = cardThread(slack, ticket.card_ts!).length;
      const late = slack.workspace.postAs(
        PEOPLE.requester,
        GENERAL,
        "Hello?",
        ts,
      );
      await delivered(slack, late.ts, ts);
      assert.equal(cardThread(slack, ticket.card_ts!).length, before);
      const told = slack.workspace.ephemerals.at(-1)!;
      assert.equal(told.user, PEOPLE.requester);
      assert.match(told.text, /is closed/);
    },
  );
});

Deno.test("a reply in a thread that is no ticket's costs one lookup", async () => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const root = slack.workspace.postAs(PEOPLE.agent, GENERAL, "Lunch?");
  const reply = slack.workspace.postAs(
    PEOPLE.bystander,
    GENERAL,
    "Yes",
    root.ts,
  );
  slack.clearCalls();
  const result = await delivered(slack, reply.ts, root.ts);
  assert.deepEqual(result.outputs, {});
  assert.deepEqual(slack.calls.map((c) => c.method), ["apps.datastore.get"]);
});

Deno.test("a reply reaches the card once, whichever timestamp the event names first", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const { ts, ticket } = await ticketFromGeneral(slack, "VPN drops");
  const other = await ticketFromGeneral(slack, "Screen flickers");
  const relayedTo = (cardTs: string, words: string) =>
    cardThread(slack, cardTs).filter((m) => m.includes(words)).length;

  await t.step("the reply as message_ts, its parent as thread_ts", async () => {
    const reply = slack.workspace.postAs(
      PEOPLE.requester,
      GENERAL,
      "Since 9",
      ts,
    );
    const result = await delivered(slack, reply.ts, ts);
    assert.equal(result.outputs?.ticket_id, ticket.id);
    assert.equal(relayedTo(ticket.card_ts!, "Since 9"), 1);
  });

  await t.step(
    "the parent as message_ts (as the SDK's docs say), the reply as thread_ts",
    async () => {
      const reply = slack.workspace.postAs(
        PEOPLE.requester,
        GENERAL,
        "On wifi only",
        ts,
      );
      const result = await delivered(slack, ts, reply.ts);
      assert.equal(result.outputs?.ticket_id, ticket.id);
      assert.equal(relayedTo(ticket.card_ts!, "On wifi only"), 1);
      // Read back from Slack: the author is the reply's, not the parent's
      // (the same person here, so a colleague's reply checks it below).
      const mark = slack.workspace.findMessage(GENERAL, reply.ts)!.reactions
        ?.find((r) => r.name === RELAYED_MARK);
      assert.deepEqual(mark?.users, [BOT_USER_ID]);
      assert.equal(
        slack.workspace.findMessage(GENERAL, ts)!.reactions?.some((r) =>
          r.name === RELAYED_MARK
        ) ?? false,
        false,
      );
    },
  );

  await t.step(
    "both orders of the same reply, delivered together and again: once",
    async () => {
      const reply = slack.workspace.postAs(
        PEOPLE.bystander,
        GENERAL,
        "Me too",
        ts,
      );
      await Promise.all([
        delivered(slack, reply.ts, ts),
        delivered(slack, ts, reply.ts),
      ]);
      await delivered(slack, ts, reply.ts);
      assert.equal(relayedTo(ticket.card_ts!, "Me too"), 1);
      const said = cardThread(slack, ticket.card_ts!).find((m) =>
        m.includes("Me too")
      )!;
      assert.match(said, new RegExp(`<@${PEOPLE.bystander}> wrote:`));
      assert.equal(relayedTo(other.ticket.card_ts!, "Me too"), 0);
    },
  );

  await t.step(
    "a timestamp that is no Slack timestamp: refused, nothing passed on",
    async () => {
      const before = cardThread(slack, ticket.card_ts!).length;
      const result = await delivered(slack, "yesterday", ts);
      assert.match(String(result.error), /not a Slack timestamp/);
      assert.equal(cardThread(slack, ticket.card_ts!).length, before);
    },
  );
});

Deno.test("compareTimestamps orders Slack timestamps exactly", () => {
  assert.equal(compareTimestamps("1700000000.000001", "1700000000.000002"), -1);
  assert.equal(compareTimestamps("1790000000.999999", "1790000001.000000"), -1);
  assert.equal(compareTimestamps("1790000001.5", "1790000001.499999"), 1);
  assert.equal(compareTimestamps("1790000001.100000", "1790000001.1"), 0);
  assert.deepEqual(
    threadPosition({
      message_ts: "1790000002.000100",
      thread_ts: "1790000002.000099",
    }),
    { parent: "1790000002.000099", reply: "1790000002.000100" },
  );
  assert.equal(
    threadPosition({ message_ts: "1790000002.1", thread_ts: "1790000002.1" }),
    undefined,
  );
});
