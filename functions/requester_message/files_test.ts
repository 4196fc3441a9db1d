import assert from "node:assert/strict";
import relayHandler from "./handler.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  cardReplies,
  FILES_ON,
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
  shot,
} from "../../dev/testing/file_fixtures.ts";

Deno.test("files the requester adds in the thread reach the card, once", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const message = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Printer");
  await react(slack, message.ts);
  const ticket = await onlyTicket(slack);
  const relay = (ts: string, env: Record<string, string> = FILES_ON) =>
    relayHandler(functionContext("requester_message", slack, {
      channel: PEOPLE_INTAKE,
      message_ts: ts,
      thread_ts: message.ts,
    }, env));

  await t.step("a file alone, and a file with words", async () => {
    const alone = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "", message.ts, [
      { name: "jam.png", mimetype: "image/png", bytes: shot },
    ]);
    assert.equal((await relay(alone.ts)).error, undefined);
    const worded = ws.postAs(
      PEOPLE.requester,
      PEOPLE_INTAKE,
      "Here is the log",
      message.ts,
      [{ name: "printer.log", bytes: log }],
    );
    assert.equal((await relay(worded.ts)).error, undefined);
    const replies = cardReplies(slack, ticket);
    assert.deepEqual(
      replies.flatMap((m) => m.files ?? []).map((f) => f.name),
      ["jam.png", "printer.log"],
    );
    assert.ok(replies.some((m) => m.text.includes("Here is the log")));
  });

  await t.step("a redelivered event copies nothing again", async () => {
    const [last] = ws.repliesTo(PEOPLE_INTAKE, message.ts).filter((m) =>
      m.files?.[0]?.name === "printer.log"
    );
    await relay(last.ts);
    assert.equal(
      cardReplies(slack, ticket).flatMap((m) => m.files ?? []).length,
      2,
    );
  });

  await t.step("with files off, a file alone is not passed on", async () => {
    const off = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "", message.ts, [
      { name: "off.txt", bytes: log },
    ]);
    const told = slack.callsTo("chat.postEphemeral").length;
    await relay(off.ts, {});
    assert.equal(
      cardReplies(slack, ticket).flatMap((m) => m.files ?? []).length,
      2,
    );
    // Its writer is told, where they wrote, not left thinking the agents
    // see it.
    const [tell] = slack.callsTo("chat.postEphemeral").slice(told);
    assert.equal(tell?.args.user, PEOPLE.requester);
    assert.equal(tell?.args.thread_ts, message.ts);
    assert.match(
      String(tell?.args.text),
      new RegExp(`^Your file was not passed to the agents of ${ticket.key}`),
    );
  });
});
