// The ticket mark is taken back after a failed add only when no live run
// holds it: a failure of this run's must never free another run's mark.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  GENERAL,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../dev/testing/fake_slack/workspace.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { recordMarkTaken } from "../../slack/storage/intake_mark.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/message_ticket.ts";
import { type ReactedMessage, takeMark } from "./intake_marks.ts";

async function reactedMessage(slack: FakeSlack): Promise<ReactedMessage> {
  const posted = await slackCall(clientFor(slack), "chat.postMessage", {
    channel: GENERAL,
    text: "The printer is broken",
  });
  return {
    channel: GENERAL,
    message_ts: String(posted.ts),
    reaction: "ticket",
    user: PEOPLE.requester,
  };
}

async function markIsOn(slack: FakeSlack, message: ReactedMessage) {
  const answer = await slackCall(clientFor(slack), "reactions.get", {
    channel: message.channel,
    timestamp: message.message_ts,
    full: true,
  });
  const reactions = (answer.message as {
    reactions?: Array<{ name: string; users: string[] }>;
  }).reactions ?? [];
  return reactions.some((r) => r.name === TICKET_MARK && r.users.length > 0);
}

Deno.test("a failed add takes the mark back only when no live run holds it", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  slack.workspace.channels.get(GENERAL)!.members.add(BOT_USER_ID);
  const client = clientFor(slack);
  const failures = [
    ["a 5xx", { error: "internal_error", status: 500 }],
    ["a 429", { status: 429, retryAfterSeconds: 1 }],
  ] as const;
  for (const [name, failure] of failures) {
    await t.step(`${name} while another run holds it: left on`, async () => {
      const message = await reactedMessage(slack);
      // The other run: Slack accepted its add, and it wrote its record.
      await slackCall(client, "reactions.add", {
        channel: message.channel,
        timestamp: message.message_ts,
        name: TICKET_MARK,
      });
      await recordMarkTaken(
        client,
        { channel: message.channel, ts: message.message_ts },
        Math.floor(Date.now() / 1000),
        "the other run",
      );
      slack.fail({ method: "reactions.add", ...failure });
      const removals = slack.callsTo("reactions.remove").length;
      await assert.rejects(
        takeMark(client, message, { id: "this run", tookMark: false }),
      );
      assert.equal(slack.callsTo("reactions.remove").length, removals);
      assert.ok(await markIsOn(slack, message));
    });
  }
  await t.step(
    "landed with its answer lost, nobody else's: taken back",
    async () => {
      const message = await reactedMessage(slack);
      slack.fail({
        method: "reactions.add",
        error: "internal_error",
        status: 500,
        afterEffect: true,
      });
      await assert.rejects(
        takeMark(client, message, { id: "this run", tookMark: false }),
      );
      assert.equal(await markIsOn(slack, message), false);
    },
  );
});
