// A requester's reply whose relay fails part-way (the ticket's save refused)
// is not passed on, and nothing passes it on later by itself: its writer is
// told where they wrote, never left thinking the agents have it.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  functionContext,
  GENERAL,
  intakeQueue,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  reactWithTicket,
  ticketFromGeneral,
} from "../../dev/testing/reaction_deliveries.ts";
import { RELAYED_MARK } from "../../use_cases/conversation/thread_relay.ts";

Deno.test("a reply whose save Slack refuses is told as not passed on", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const { ts, ticket } = await ticketFromGeneral(slack, "Printer");
  const said = slack.workspace.postAs(
    PEOPLE.requester,
    GENERAL,
    "It is the one by the lifts",
    ts,
  );
  // The ticket's save refused, and refused again when asked once more.
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    times: 2,
    when: (args) => args.datastore === "tickets",
  });
  const result = await handler(functionContext("requester_message", slack, {
    channel: GENERAL,
    message_ts: said.ts,
    thread_ts: ts,
  }));
  slack.clearFailures();

  await t.step("not passed on, and not marked as passed on", () => {
    assert.ok(result.error, JSON.stringify(result));
    assert.equal(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
        .filter((m) => m.text.includes("by the lifts")).length,
      0,
    );
    const marks = slack.workspace.findMessage(GENERAL, said.ts)!.reactions ??
      [];
    assert.equal(marks.some((r) => r.name === RELAYED_MARK), false);
  });

  await t.step("its writer is told so, in the thread they wrote in", () => {
    const told = slack.workspace.ephemerals.filter((e) =>
      e.user === PEOPLE.requester
    );
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.equal(told[0].thread_ts, ts);
    assert.match(
      told[0].text,
      new RegExp(
        `^This message was not passed to the agents of ${ticket.key}: .*Post it again`,
      ),
    );
  });
});

Deno.test("a failed relay passed on by a redelivery tells its writer so, once", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const { ts, ticket } = await ticketFromGeneral(slack, "Printer");
  const said = slack.workspace.postAs(
    PEOPLE.requester,
    GENERAL,
    "It is the one by the lifts",
    ts,
  );
  const deliver = () =>
    handler(functionContext("requester_message", slack, {
      channel: GENERAL,
      message_ts: said.ts,
      thread_ts: ts,
    }));
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    times: 2,
    when: (args) => args.datastore === "tickets",
  });
  const failed = await deliver();
  slack.clearFailures();
  assert.ok(failed.error, JSON.stringify(failed));
  const toWriter = () =>
    slack.workspace.ephemerals.filter((e) => e.user === PEOPLE.requester)
      .map((e) => e.text);
  assert.match(toWriter()[0], /was not passed to the agents/);

  await t.step("Slack delivers the event again: passed on", async () => {
    const again = await deliver();
    assert.equal(again.error, undefined);
    assert.equal(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
        .filter((m) => m.text.includes("by the lifts")).length,
      1,
    );
  });

  await t.step("its writer hears it reached the agents after all", () => {
    const told = toWriter();
    assert.equal(told.length, 2, JSON.stringify(told));
    assert.match(
      told[1],
      new RegExp(`passed to the agents of ${ticket.key} after all`),
    );
  });

  await t.step("a third delivery passes nothing and says nothing", async () => {
    await deliver();
    assert.equal(toWriter().length, 2);
    assert.equal(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
        .filter((m) => m.text.includes("by the lifts")).length,
      1,
    );
  });
});

Deno.test("a relay passed on at the first delivery says nothing more", async () => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, "Printer").ts;
  await reactWithTicket(slack, ts, PEOPLE.agent);
  const said = slack.workspace.postAs(PEOPLE.requester, GENERAL, "Hi", ts);
  const result = await handler(functionContext("requester_message", slack, {
    channel: GENERAL,
    message_ts: said.ts,
    thread_ts: ts,
  }));
  assert.equal(result.error, undefined);
  assert.deepEqual(
    slack.workspace.ephemerals.filter((e) => e.user === PEOPLE.requester),
    [],
  );
});
