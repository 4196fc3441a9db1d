// Long words through a ticket, as people send them: an agent's reply from
// its modal, the requester's message from theirs or in the thread of the
// message their ticket was made from. Up to 12,000 characters (and a 36,000
// one for JSM's own limit), with markup, `<`, `&` and 40+ lines, they arrive
// whole and in order on the requester's side, in the card's thread and in
// JSM, cut into parts the fake Slack takes as Slack would (a section holds
// 3,000 characters, a message is shown whole up to 4,000). What Slack
// refuses for good is told to whoever wrote it.
import assert from "node:assert/strict";
import updateTicket from "../../functions/update_ticket/handler.ts";
import {
  CONVERSATION_VIEWS,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import relayHandler from "../../functions/requester_message/handler.ts";
import {
  configure,
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
import type { FakeMessage } from "../testing/fake_slack/workspace.ts";
import { startFakeJsm } from "../testing/fake_jsm/server.ts";
import { openTicketSyncedByFunction } from "../testing/jsm_fixtures.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { ConversationAction } from "../../helpdesk/tickets/conversation.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { checkSpeaker } from "../../use_cases/conversation/conversation_speaker.ts";
import {
  converse,
  relayFromRequester,
} from "../../use_cases/conversation/conversation.ts";
import { reactWithTicket } from "../testing/reaction_deliveries.ts";

/** `chars` characters over 40+ lines; with markup, `<` and `&` if asked. */
function longText(chars: number, markup: boolean, seed = 7): string {
  const plain = ["printer", "toner", "floor", "again", "Monday", "the", "it"];
  const marked = [
    "*bold*",
    "_it_",
    "`code`",
    "a<b",
    "R&D",
    "<!channel>",
    "x > y",
    "&amp;",
    "😀",
  ];
  const bits = markup ? [...plain, ...marked] : plain;
  const lineEvery = Math.max(5, Math.floor(chars / 45 / 6));
  let out = "";
  let n = seed;
  let word = 0;
  while (out.length < chars) {
    n = (n * 1103515245 + 12345) % 2 ** 31;
    out += `${bits[(n >>> 16) % bits.length]}${word}`;
    word++;
    out += word % lineEvery === 0 ? "\n" : " ";
  }
  return out.slice(0, chars).trim();
}

/** The words a reader gets from messages in order: unquoted, unescaped. */
function heard(messages: string[]): string {
  return messages.join("\n").replace(/_\(part \d+\/\d+\)_\n/g, "")
    .split("\n").filter((l) => l.startsWith("> "))
    // The card's thread says when, after the last line.
    .map((l) => l.slice(2).replace(/ · <!date\^[^>]*>$/, ""))
    .join("\n").replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

const normal = (s: string) => s.replace(/\s+/g, " ").trim();

/** Every message shows whole: its text within 4,000, sections within 3,000. */
function assertShownWhole(messages: FakeMessage[]) {
  for (const m of messages) {
    assert.ok(m.text.length <= 4000, `text of ${m.text.length}`);
  }
}

function write(
  slack: FakeSlack,
  ticket: Ticket,
  action: ConversationAction,
  person: string,
  text: string,
) {
  return submitView(
    updateTicket,
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

/** What was posted from `since` on, in order, where `where` says. */
function postedSince(
  slack: FakeSlack,
  since: number,
  where: (m: FakeMessage) => boolean,
): FakeMessage[] {
  return slack.workspace.messages.slice(since).filter(where);
}

Deno.test("long replies and messages arrive whole, in order, on both sides", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const ticket = await openTestTicket(slack);
  const inCard = (m: FakeMessage) =>
    m.channel === TRIAGE && m.thread_ts === ticket.card_ts;
  const imOf = () =>
    [...slack.workspace.channels.values()].find((c) =>
      c.is_im && c.user === PEOPLE.requester
    )?.id;

  for (
    const [name, text] of [
      ["a plain 2,936-character, 40-line reply", longText(2936, false)],
      ["a 3,000-character reply with markup, < and &", longText(3000, true)],
      ["one word of 2,990 characters of < and &", "<&".repeat(1495)],
    ] as const
  ) {
    // A word longer than a part is cut where the part ends.
    const same = (a: string, b: string) =>
      /\s/.test(b)
        ? assert.equal(normal(a), normal(b))
        : assert.equal(a.replace(/\s/g, ""), b);
    await t.step(
      `${name} reaches the requester's DM and the card`,
      async () => {
        const since = slack.workspace.messages.length;
        assert.equal(
          await write(slack, ticket, "reply", PEOPLE.agent, text),
          undefined,
        );
        const dm = postedSince(slack, since, (m) => m.channel === imOf());
        const card = postedSince(slack, since, inCard);
        assert.ok(dm.length >= 2, "cut into parts");
        same(heard(dm.map((m) => m.text)), text);
        same(heard(card.map((m) => m.text)), text);
        assert.match(card[0].text, /replied to the requester:/);
        assertShownWhole([...dm, ...card]);
        // The requester's Reply button comes with the first part.
        assert.match(JSON.stringify(dm[0].blocks), /"value":"comment"/);
      },
    );
  }

  await t.step(
    "the requester's long message and its confirmation arrive",
    async () => {
      const text = longText(3000, true, 11);
      const since = slack.workspace.messages.length;
      assert.equal(
        await write(slack, ticket, "comment", PEOPLE.requester, text),
        undefined,
      );
      const echo = postedSince(slack, since, (m) => m.channel === imOf());
      assert.match(echo[0].text, /You added to/);
      assert.equal(normal(heard(echo.map((m) => m.text))), normal(text));
      const card = postedSince(slack, since, inCard);
      assert.equal(normal(heard(card.map((m) => m.text))), normal(text));
      assertShownWhole([...echo, ...card]);
    },
  );

  await t.step(
    "a reply Slack refuses for good: the agent and the card are told",
    async () => {
      // A ticket whose DM conversation has not started, for a person who
      // was then deactivated: Slack refuses it for good (channel_not_found).
      const ticket = await openTestTicket(slack);
      const inCard = (m: FakeMessage) =>
        m.channel === TRIAGE && m.thread_ts === ticket.card_ts;
      slack.workspace.users.get(PEOPLE.requester)!.deleted = true;
      const since = slack.workspace.messages.length;
      const ephemerals = slack.workspace.ephemerals.length;
      assert.equal(
        await write(slack, ticket, "reply", PEOPLE.agent, "Still there?"),
        undefined,
      );
      const card = postedSince(slack, since, inCard).map((m) => m.text);
      assert.match(
        card.at(-1)!,
        /did not reach the requester, and Helpdesk will not try again/,
      );
      const told = slack.workspace.ephemerals.slice(ephemerals)
        .filter((e) => e.user === PEOPLE.agent);
      assert.equal(told.length, 1);
      assert.match(
        told[0].text,
        new RegExp(`about ${ticket.key} did not reach the requester`),
      );
      // Not kept for the scheduled check: it would fail again.
      assert.deepEqual((await storedTicket(slack, ticket.id)).outbox ?? [], []);
    },
  );
});

Deno.test("long messages in the requester's thread reach the card whole", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const root =
    slack.workspace.postAs(PEOPLE.requester, GENERAL, "Printer jammed").ts;
  await reactWithTicket(slack, root, PEOPLE.agent);
  const ticket = await storedTicket(
    slack,
    await ticketIdFor(creationKeys.message(GENERAL, root)),
  );
  const inCard = (m: FakeMessage) =>
    m.channel === TRIAGE && m.thread_ts === ticket.card_ts;

  for (
    const [name, text] of [
      ["3,477 plain characters", longText(3477, false, 3)],
      ["5,000 characters with markup", longText(5000, true, 5)],
      ["12,000 characters with markup", longText(12000, true, 9)],
      ["12,000 characters, no markup", longText(12000, false, 13)],
    ] as const
  ) {
    await t.step(`${name}: passed on whole, in order`, async () => {
      const since = slack.workspace.messages.length;
      // Slack keeps what a person typed with <, > and & escaped.
      const said = slack.workspace.postAs(
        PEOPLE.requester,
        GENERAL,
        escapeMrkdwn(text),
        root,
      );
      const result = await relayHandler(functionContext(
        "requester_message",
        slack,
        { channel: GENERAL, message_ts: said.ts, thread_ts: root },
      ));
      assert.equal(result.outputs?.ticket_id, ticket.id);
      const card = postedSince(slack, since, inCard);
      assert.ok(card.length >= 2);
      assert.match(card[0].text, /wrote:/);
      // @channel is passed on as words: it pings nobody in triage.
      assert.ok(card.every((m) => !m.text.includes("<!channel>")));
      assert.equal(normal(heard(card.map((m) => m.text))), normal(text));
      assertShownWhole(card);
    });
  }

  await t.step("an agent's long reply reaches the thread whole", async () => {
    const text = longText(3000, true, 17);
    const since = slack.workspace.messages.length;
    assert.equal(
      await write(slack, ticket, "reply", PEOPLE.agent, text),
      undefined,
    );
    const thread = postedSince(
      slack,
      since,
      (m) => m.channel === GENERAL && m.thread_ts === root,
    );
    assert.equal(normal(heard(thread.map((m) => m.text))), normal(text));
    assertShownWhole(thread);
  });
});

Deno.test("long words reach JSM whole, in order, within its comment limit", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(
    slack,
    jsm,
  );
  const reply = longText(3000, true, 19);
  const answer = longText(12000, true, 23);
  const essay = longText(36000, false, 29);
  assert.ok(
    (await converse(client, ticket.id, PEOPLE.agent, "reply", reply)).ok,
  );
  const speaker = await checkSpeaker(
    client,
    ticket.id,
    PEOPLE.requester,
    "comment",
  );
  assert.ok(speaker.ok);
  for (const text of [answer, essay]) {
    const now = Math.floor(Date.now() / 1000);
    assert.ok(
      (await relayFromRequester(client, speaker, PEOPLE.requester, text, now))
        .ok,
    );
  }
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
  const [request] = [...jsm.requests.values()];
  const bodies = request.comments.map((c) =>
    c.body.replace(/\n\n— [^\n]*$/, "").replace(/^\(part \d+\/\d+\)\n/, "")
  );
  assert.ok(request.comments.every((c) => c.body.length <= 32_767));
  assert.equal(bodies[0], reply);
  assert.equal(bodies[1], answer);
  assert.ok(bodies.length > 3, "the 36,000 characters in two comments");
  assert.equal(normal(bodies.slice(2).join(" ")), normal(essay));
});

Deno.test("words JSM refuses for good: their writer is told, the rest go on", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(
    slack,
    jsm,
  );
  assert.ok(
    (await converse(client, ticket.id, PEOPLE.agent, "reply", "First")).ok,
  );
  assert.ok(
    (await converse(client, ticket.id, PEOPLE.agent, "reply", "Second")).ok,
  );
  jsm.fail(/\/comment$/, {
    status: 400,
    method: "POST",
    body: { errorMessage: "The entered text is too long." },
  });
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
  const [request] = [...jsm.requests.values()];
  assert.deepEqual(
    request.comments.map((c) => c.body.split("\n")[0]),
    ["Second"],
  );
  const told = slack.workspace.dmsTo(PEOPLE.agent).at(-1)!.text;
  assert.match(told, /“First”\) did not reach its Jira Service Management/);
  assert.match(told, /The entered text is too long/);
  assert.equal((await storedTicket(slack, ticket.id)).jsm_comments, undefined);
});
