import assert from "node:assert/strict";
import handler from "./handler.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/message_ticket.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
  SECRET_CHANNEL,
} from "../../dev/testing/queue_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../dev/testing/fake_slack/workspace.ts";
import { type TicketItem, toTicket } from "../../slack/storage/ticket_store.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { messageToTicketTrigger } from "../../triggers/created_by_app/message_to_ticket.ts";

/**
 * `user` reacts to `ts` (Slack stores the reaction), and the trigger hands
 * the workflow what it says about it.
 */
function react(
  slack: FakeSlack,
  channel: string,
  ts: string,
  user: string,
  extra: Record<string, string> = {},
) {
  if (slack.workspace.findMessage(channel, ts)) {
    slack.workspace.react(channel, ts, extra.reaction ?? "ticket", user);
  }
  return runStep(slack, channel, ts, user, extra);
}

/** The step run with these inputs, whether or not anyone reacted. */
function runStep(
  slack: FakeSlack,
  channel: string,
  ts: string,
  user: string,
  extra: Record<string, string> = {},
) {
  const message = slack.workspace.findMessage(channel, ts);
  const parent = message?.thread_ts && message.thread_ts !== ts
    ? message.thread_ts
    : undefined;
  return handler(functionContext("message_to_ticket", slack, {
    channel,
    message_ts: ts,
    message_link: slack.workspace.permalink(channel, ts, parent),
    ...(parent
      ? { parent_message_link: slack.workspace.permalink(channel, parent) }
      : {}),
    reaction: "ticket",
    user,
    ...extra,
  }));
}

async function tickets(slack: FakeSlack): Promise<Ticket[]> {
  return ((await slack.datastores.dump()).tickets ?? []).map((item) =>
    toTicket(item as TicketItem)
  );
}

const LONG_TEXT =
  `<@UQOWNER> my laptop's screen flickers every time I plug it into the dock on the third floor, and it has done so since the update on Monday morning, so I can't present today
Tried two cables.`;

Deno.test("a :ticket: reaction turns a message into a ticket", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ws = slack.workspace;
  const message = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, LONG_TEXT);

  await t.step(
    "author requests, reactor reports, thread says where",
    async () => {
      const result = await react(
        slack,
        PEOPLE_INTAKE,
        message.ts,
        PEOPLE.bystander,
      );
      assert.equal(result.error, undefined);
      const [ticket] = await tickets(slack);
      assert.equal(result.outputs?.ticket_id, ticket.id);
      assert.equal(ticket.requester, PEOPLE.requester);
      assert.equal(ticket.reporter, PEOPLE.bystander);
      assert.equal(ticket.queue_id, "people-team");
      assert.equal(ticket.source, "reaction");
      assert.equal(ticket.source_channel, PEOPLE_INTAKE);
      // The leading mention goes; the line is cut at a word, under 150.
      assert.match(ticket.summary, /^my laptop's screen flickers/);
      assert.ok(ticket.summary.length <= 150, ticket.summary);
      assert.match(ticket.summary, /[a-z]…$/);
      assert.match(ticket.description, /Tried two cables\./);
      assert.ok(
        ticket.description.endsWith(ws.permalink(PEOPLE_INTAKE, message.ts)),
      );
      // The card is in the queue's triage channel, not the default one.
      const card = ws.messagesIn(PEOPLE_TRIAGE).find((m) =>
        m.text.startsWith(ticket.key)
      );
      assert.ok(card);
      const [reply] = ws.repliesTo(PEOPLE_INTAKE, message.ts);
      assert.match(reply.text, new RegExp(`\\|${ticket.key}>`));
      assert.match(reply.text, /archives\/CPEOPLETRIAGE\/p/);
      assert.match(reply.text, /<@UBYSTANDER> turned this message into/);
      assert.match(reply.text, /for <@UREQUESTER>/);
      assert.match(ws.dmsTo(PEOPLE.requester).at(-1)!.text, /is open/);
      const mark = ws.findMessage(PEOPLE_INTAKE, message.ts)!.reactions!
        .find((r) => r.name === TICKET_MARK);
      assert.deepEqual(mark?.users, [BOT_USER_ID]);
    },
  );

  await t.step(
    "one message makes one ticket, however often and by however many",
    async () => {
      const again = ws.postAs(
        PEOPLE.otherAgent,
        PEOPLE_INTAKE,
        "VPN drops every hour",
      );
      const reactors = [PEOPLE.requester, PEOPLE.bystander, PEOPLE.agent];
      // Every reactor's event delivered three times, all at once, then the
      // whole lot again once the first ticket exists.
      const burst = () =>
        Promise.all(
          reactors.flatMap((user) =>
            [1, 2, 3].map(() => react(slack, PEOPLE_INTAKE, again.ts, user))
          ),
        );
      const first = await burst();
      const second = await burst();
      const made = [...first, ...second].filter((r) => r.outputs?.ticket_id);
      assert.equal(made.length, 1);
      assert.ok([...first, ...second].every((r) => r.error === undefined));
      const forMessage = (await tickets(slack)).filter((t) =>
        t.source_message_ts === again.ts
      );
      assert.equal(forMessage.length, 1);
      assert.equal(ws.repliesTo(PEOPLE_INTAKE, again.ts).length, 1);
      const cards = ws.messagesIn(PEOPLE_TRIAGE).filter((m) =>
        m.text.startsWith(forMessage[0].key)
      );
      assert.equal(cards.length, 1);
      // Other reactors hear, privately, that it already is a ticket.
      const told = ws.ephemerals.filter((e) =>
        e.text.includes(forMessage[0].key)
      );
      assert.ok(told.length > 0);
      assert.ok(told.every((e) => e.user !== PEOPLE.otherAgent));
    },
  );

  await t.step(
    "a reply in a thread: the answer goes to that thread",
    async () => {
      const parent = ws.postAs(
        PEOPLE.agent,
        PEOPLE_INTAKE,
        "Office hours today",
      );
      const question = ws.postAs(
        PEOPLE.requester,
        PEOPLE_INTAKE,
        "Can someone reset my password?",
        parent.ts,
      );
      const result = await react(
        slack,
        PEOPLE_INTAKE,
        question.ts,
        PEOPLE.requester,
      );
      assert.ok(result.outputs?.ticket_id);
      const replies = ws.repliesTo(PEOPLE_INTAKE, parent.ts);
      assert.match(replies.at(-1)!.text, /turned this message into/);
      const ticket = (await tickets(slack)).find((t) =>
        t.id === result.outputs?.ticket_id
      )!;
      assert.equal(ticket.summary, "Can someone reset my password?");
      assert.equal(ticket.reporter, undefined, "reported by the requester");
    },
  );

  await t.step(
    "a failure takes the mark back, so reacting again works",
    async () => {
      const flaky = ws.postAs(
        PEOPLE.requester,
        PEOPLE_INTAKE,
        "Printer jammed",
      );
      // Twice: a passing failure is asked again once.
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        when: (args) => args.datastore === "tickets",
        times: 2,
      });
      const failed = await react(
        slack,
        PEOPLE_INTAKE,
        flaky.ts,
        PEOPLE.requester,
      );
      // Either may have landed it, and the read back can't prove it did
      // not: said as such, never "no ticket" nor "saved".
      assert.match(failed.error!, /couldn't tell whether HD-\w+ was saved/);
      const mark = ws.findMessage(PEOPLE_INTAKE, flaky.ts)!.reactions
        ?.find((r) => r.name === TICKET_MARK);
      assert.deepEqual(mark?.users ?? [], []);
      assert.equal(
        ws.messagesIn(PEOPLE_TRIAGE).filter((m) =>
          m.text.includes("Printer jammed")
        ).length,
        0,
      );
      const retried = await react(
        slack,
        PEOPLE_INTAKE,
        flaky.ts,
        PEOPLE.requester,
      );
      assert.ok(retried.outputs?.ticket_id);
    },
  );
});

Deno.test("messages Helpdesk can't read get a clear private answer", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ws = slack.workspace;

  await t.step("a private channel Helpdesk is not in", async () => {
    // Set up as intake, but nobody invited Helpdesk.
    const { putQueue } = await import("../../slack/storage/queue_store.ts");
    const { PEOPLE_QUEUE } = await import(
      "../../dev/testing/queue_fixtures.ts"
    );
    const { clientFor } = await import("../../dev/testing/harness.ts");
    await putQueue(clientFor(slack), {
      ...PEOPLE_QUEUE,
      intake_channels: [PEOPLE_INTAKE, SECRET_CHANNEL],
    });
    const secret = ws.postAs(
      PEOPLE.requester,
      SECRET_CHANNEL,
      "My badge broke",
    );
    const result = await react(
      slack,
      SECRET_CHANNEL,
      secret.ts,
      PEOPLE.requester,
    );
    assert.equal(result.outputs?.ticket_id, undefined);
    // Helpdesk can't post even an ephemeral there, so it is a DM.
    const answer = ws.dmsTo(PEOPLE.requester).at(-1)!.text;
    assert.match(answer, /can't read messages in <#GSECRET>/);
    assert.match(answer, /\/invite @Helpdesk/);
    assert.equal(await tickets(slack).then((t) => t.length), 0);
  });

  await t.step("a direct message", async () => {
    const dm = ws.imWith(PEOPLE.bystander);
    const said = ws.postAs(PEOPLE.bystander, dm.id, "help");
    await react(slack, dm.id, said.ts, PEOPLE.bystander);
    const told = ws.ephemerals.at(-1)!;
    assert.equal(told.user, PEOPLE.bystander);
    assert.match(told.text, /can't read direct messages/);
    assert.equal(await tickets(slack).then((t) => t.length), 0);
  });

  await t.step("a channel that is no queue's intake channel", async () => {
    const said = ws.postAs(PEOPLE.requester, PEOPLE_TRIAGE, "lunch?");
    await react(slack, PEOPLE_TRIAGE, said.ts, PEOPLE.requester);
    const told = ws.ephemerals.at(-1)!;
    assert.equal(told.user, PEOPLE.requester);
    assert.match(told.text, /isn't set up for tickets by reaction/);
    assert.equal(await tickets(slack).then((t) => t.length), 0);
  });

  await t.step("another emoji is none of Helpdesk's business", async () => {
    const said = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "nice!");
    const before = ws.ephemerals.length;
    await react(slack, PEOPLE_INTAKE, said.ts, PEOPLE.requester, {
      reaction: "tada",
    });
    assert.equal(ws.ephemerals.length, before);
    assert.equal(await tickets(slack).then((t) => t.length), 0);
  });
});

Deno.test("the intake trigger watches the intake channels for the emoji", () => {
  const trigger = messageToTicketTrigger(["C1", "C2"], "ticket");
  assert.deepEqual(trigger.event.channel_ids, ["C1", "C2"]);
  assert.deepEqual(trigger.event.filter?.root, {
    statement: "{{data.reaction}} == ticket",
  });
  // The author is read from Slack, not taken from the event's inputs.
  assert.equal(trigger.inputs?.author, undefined);
});

Deno.test("a :ticket: reaction opens its ticket in 5 round trips", async () => {
  // 150 ms a call: calls sent together overlap even on a loaded machine,
  // whose event loop can hold a call back by tens of ms.
  await using slack = await startFakeSlack({ latencyMs: 150 });
  await configureQueues(slack);
  const message = slack.workspace.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "The projector shows no picture",
  );
  slack.clearCalls();
  const result = await react(slack, PEOPLE_INTAKE, message.ts, PEOPLE.agent);
  assert.ok(result.outputs?.ticket_id, result.error);
  // the reaction checked (settings, queues, Slack's reactions, the ticket
  // the message became) | the mark taken, the message read | the mark's
  // record, a free key, the ticket again under the mark | the ticket saved
  // with its card (and the suggestions' search) | the card recorded with
  // the DM and the thread's reply (and whether a twin that failed said no
  // ticket was made: use_cases/opening/intake_failure.ts)
  assert.equal(slack.sequentialRounds(), 5);
  assert.equal(slack.calls.length, 20);
  const posted = slack.calls.filter((c) => c.method === "chat.postMessage");
  const card = posted.find((c) => c.args.channel === PEOPLE_TRIAGE)!;
  const save = slack.calls.find((c) =>
    c.method === "apps.datastore.put" && c.args.datastore === "tickets"
  )!;
  assert.ok(card.startedAt < save.endedAt && save.startedAt < card.endedAt);
  for (const told of posted.filter((c) => c !== card)) {
    assert.ok(told.startedAt >= Math.max(card.endedAt, save.endedAt));
  }
});
