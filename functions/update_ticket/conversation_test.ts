import assert from "node:assert/strict";
import handler from "./handler.ts";
import createTicket from "../create_ticket/handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import { click as clickTicket } from "../../dev/testing/queue_actions.ts";
import {
  configure,
  defaultSettings,
  functionContext,
  openTestTicket,
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
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { ConversationAction } from "../../helpdesk/tickets/conversation.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";

function click(
  slack: FakeSlack,
  ticket: Ticket,
  action: string,
  person: string,
) {
  return clickTicket(slack, ticket.id, action, person);
}

function write(
  slack: FakeSlack,
  ticket: Ticket,
  action: ConversationAction,
  person: string,
  text: string,
) {
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS[action],
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: `Fx0${action}${crypto.randomUUID().slice(0, 6)}`,
      user: person,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: text } },
      },
    }),
  );
}

const thread = (slack: FakeSlack, ticket: Ticket) =>
  slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).map((m) => m.text);

Deno.test("an agent replies to the requester through the ticket", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const hostile = `Try this ${HOSTILE_TEXT.join(" ")}`;

  await t.step("the button opens a reply modal for agents", async () => {
    const opened = await click(slack, ticket, "reply", PEOPLE.agent);
    assert.deepEqual(opened, { completed: false });
    const [open] = slack.callsTo("views.open");
    assert.equal(
      (open.args.view as { callback_id: string }).callback_id,
      "ticket_reply",
    );
  });

  await t.step(
    "the reply reaches the requester's DM, escaped, with a Reply button",
    async () => {
      const answer = await write(slack, ticket, "reply", PEOPLE.agent, hostile);
      assert.equal(answer, undefined);
      const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
      assert.match(
        dm.text,
        new RegExp(`<@${PEOPLE.agent}> replied about ${ticket.key}`),
      );
      const quoted = dm.text.split("\n").slice(1)
        .map((line) => line.replace(/^> /, "")).join("\n");
      assert.ok(isInert(quoted), quoted);
      assert.match(JSON.stringify(dm.blocks), /"action","value":"comment"/);
      // Echoed in the card's thread, marked as sent.
      assert.match(thread(slack, ticket).at(-1)!, /replied to the requester:/);
      // A reply is a first response; the conversation has its thread now.
      const saved = await storedTicket(slack, ticket.id);
      assert.ok(saved.first_response_at);
      assert.equal(saved.requester_thread, `${dm.channel}:${dm.ts}`);
    },
  );

  await t.step("the next reply goes in the same DM thread", async () => {
    const topLevel = () =>
      slack.workspace.dmsTo(PEOPLE.requester).filter((m) => !m.thread_ts)
        .length;
    const dms = topLevel();
    await write(slack, ticket, "reply", PEOPLE.otherAgent, "And another thing");
    const saved = await storedTicket(slack, ticket.id);
    const [, rootTs] = saved.requester_thread!.split(":");
    const replies = slack.workspace.repliesTo(
      saved.requester_thread!.split(":")[0],
      rootTs,
    );
    assert.match(replies.at(-1)!.text, /And another thing/);
    assert.equal(topLevel(), dms);
  });

  await t.step(
    "an empty or too long reply stays in the modal, nothing sent",
    async () => {
      const before = slack.calls.length;
      const empty = await write(slack, ticket, "reply", PEOPLE.agent, "   ");
      assert.equal(empty.response_action, "errors");
      assert.match(empty.errors.message, /Write something/);
      const long = await write(
        slack,
        ticket,
        "reply",
        PEOPLE.agent,
        "x".repeat(3001),
      );
      assert.match(long.errors.message, /under 3000 characters/);
      assert.equal(
        slack.calls.slice(before).filter((c) => c.method === "chat.postMessage")
          .length,
        0,
      );
    },
  );
});

Deno.test("the requester adds to their ticket from their DM", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, {
    status: "waiting_on_requester",
    assignee: PEOPLE.agent,
    holds: [{ start: Math.floor(Date.now() / 1000) - 3600 }],
  });

  await t.step(
    "their answer reaches the card's thread and resumes the ticket",
    async () => {
      const answer = await write(
        slack,
        ticket,
        "comment",
        PEOPLE.requester,
        "The VPN client is 5.2 <!here>",
      );
      assert.equal(answer, undefined);
      const said = thread(slack, ticket).at(-1)!;
      assert.match(said, new RegExp(`<@${PEOPLE.requester}> wrote:`));
      assert.match(said, /&lt;!here&gt;/);
      assert.match(said, /back with the agents/);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.status, "in_progress");
      // The waiting hold ended: the service-level clocks run again, and
      // the resolution is due that much later (normal: 3 days, around the
      // clock by default).
      const [hold] = saved.holds!;
      assert.ok(hold.end !== undefined && hold.end >= hold.start + 3600);
      assert.equal(
        saved.resolution_due_at,
        // (only the part of the hold after the ticket was opened counts)
        ticket.created_at + 3 * 86_400 +
          (hold.end - Math.max(hold.start, ticket.created_at)),
      );
      assert.ok(saved.sla_next_check_at! > hold.end);
      // The requester keeps a copy on their side.
      assert.match(
        slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
        /You added to/,
      );
    },
  );

  await t.step("an agent's internal note stays with the agents", async () => {
    const dms = slack.workspace.dmsTo(PEOPLE.requester).length;
    await write(slack, ticket, "note", PEOPLE.agent, "Probably the 5.2 bug");
    // The triage channel is public: the words go to the agents by DM.
    assert.match(thread(slack, ticket).at(-1)!, /added an internal note/);
    assert.doesNotMatch(thread(slack, ticket).at(-1)!, /5\.2 bug/);
    assert.match(
      slack.workspace.dmsTo(PEOPLE.otherAgent).at(-1)!.text,
      /Internal note from <@UAGENTONE>:\n> Probably the 5\.2 bug/,
    );
    assert.equal(slack.workspace.dmsTo(PEOPLE.requester).length, dms);
  });
});

Deno.test("only the right people can talk through a ticket", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const cases: [string, ConversationAction, string, RegExp][] = [
    ["a bystander replying", "reply", PEOPLE.bystander, /Only the agents/],
    [
      "the requester replying as an agent",
      "reply",
      PEOPLE.requester,
      /Only the agents/,
    ],
    ["a bystander noting", "note", PEOPLE.bystander, /add notes/],
    [
      "an agent adding as the requester",
      "comment",
      PEOPLE.agent,
      /Only the person who asked/,
    ],
    [
      "a bystander adding",
      "comment",
      PEOPLE.bystander,
      /Only the person who asked/,
    ],
  ];
  for (const [name, action, person, reason] of cases) {
    await t.step(`${name}: refused, privately, nothing sent`, async () => {
      const before = slack.calls.length;
      // The button: no modal opens.
      await click(slack, ticket, action, person);
      const calls = slack.calls.slice(before);
      assert.ok(!calls.some((c) => c.method === "views.open"));
      const told = calls.filter((c) =>
        c.method === "chat.postEphemeral" || c.args.channel === person
      );
      assert.equal(told.length, 1);
      assert.match(String(told[0].args.text), reason);
      // A forged submission of the modal: refused in it.
      const forged = await write(slack, ticket, action, person, "hello");
      assert.equal(forged.response_action, "errors");
      assert.match(forged.errors.message, reason);
      assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
      assert.equal(thread(slack, ticket).length, 0);
    });
  }
});

Deno.test("a private ticket's conversation never reaches the shared channel", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack, { private: true });
  const secrets = ["my manager shouts", "it happened in room 4", "HR knows"];
  await write(slack, ticket, "reply", PEOPLE.agent, secrets[0]);
  await write(slack, ticket, "comment", PEOPLE.requester, secrets[1]);
  await write(slack, ticket, "note", PEOPLE.agent, secrets[2]);
  const shared = [
    ...slack.workspace.messagesIn(TRIAGE),
    ...slack.workspace.repliesTo(TRIAGE, ticket.card_ts!),
    ...slack.workspace.ephemerals.filter((e) => e.channel === TRIAGE),
  ].map((m) => m.text).join("\n");
  for (const secret of secrets) assert.ok(!shared.includes(secret), secret);
  assert.equal(thread(slack, ticket).length, 3);
  // The words went to the requester and the agents, privately.
  assert.ok(
    slack.workspace.dmsTo(PEOPLE.requester).some((m) =>
      m.text.includes(secrets[0])
    ),
  );
  for (const agent of defaultSettings().agent_users) {
    if (agent === PEOPLE.agent) continue;
    const got = slack.workspace.dmsTo(agent).map((m) => m.text).join("\n");
    assert.ok(got.includes(secrets[1]) && got.includes(secrets[2]), agent);
  }
});

Deno.test("a Workflow Builder step's ticket is talked about in the requester's DM", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const made = await createTicket(
    functionContext("create_ticket", slack, {
      summary: "New starter needs an account",
      requester: PEOPLE.requester,
    }),
  );
  const ticket = await storedTicket(slack, made.outputs!.ticket_id);
  assert.equal(ticket.source, "workflow_step");
  await write(slack, ticket, "reply", PEOPLE.agent, "Which team?");
  const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
  assert.match(dm.text, /Which team\?/);
  await write(slack, ticket, "comment", PEOPLE.requester, "Design");
  assert.match(thread(slack, ticket).at(-1)!, /Design/);
});
