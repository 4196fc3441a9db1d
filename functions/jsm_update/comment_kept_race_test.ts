// A JSM answer Slack refused for now is kept on the ticket for the scheduled
// check. The run that relays it holds no lock on the ticket, so a change
// saved at that moment (its whole ticket read a moment before) must not
// write over what it kept: the answer would never reach the requester.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openSyncedTicket } from "../../dev/testing/jsm_fixtures.ts";
import { claimWhenRefused } from "../../dev/testing/kept_race.ts";

const SECRET = "s3cret-s3cret-s3cret-s3cret";

Deno.test("a JSM answer kept for later survives a change saved at that moment", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Printer on 3 jams",
    priority: "normal",
  });
  const saved = await storedTicket(slack, ticket.id);
  const words = "New toner is in tray 2";
  const isAnswerToRequester = (args: Record<string, unknown>) =>
    args.channel === PEOPLE.requester && String(args.text).includes(words);
  // An agent claims the ticket as the answer is refused: their save lands
  // right after whatever the relay writes then (within a second).
  const claimed = claimWhenRefused(
    slack,
    ticket.id,
    PEOPLE.agent,
    isAnswerToRequester,
  );
  const result = await handler(
    functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
      secret: SECRET,
      issue_key: saved.jsm_key!,
      comment: words,
      comment_id: "10001",
      comment_author: "Grace (IT)",
      comment_public: "true",
    }, env),
  );
  await claimed();
  const stored = await storedTicket(slack, ticket.id);
  assert.ok(result.outputs, JSON.stringify(result));
  assert.equal(stored.assignee, PEOPLE.agent);
  const forRequester = (stored.outbox ?? []).filter((json) =>
    json.includes(words) && json.includes(PEOPLE.requester)
  );
  assert.equal(forRequester.length, 1, JSON.stringify(stored.outbox));
  assert.equal(stored.outbox_due, true);
});
