// A JSM answer Slack refused for now is kept on the ticket for the scheduled
// check. The run that relays it holds no lock on the ticket, so a change
// saved at that moment (its whole ticket read a moment before) must not
// write over what it kept: the answer would never reach the requester.
import assert from "node:assert/strict";
import {
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { deskWithSyncedTicket } from "../../dev/testing/jsm_answers.ts";
import { claimWhenRefused } from "../../dev/testing/kept_race.ts";

Deno.test("a JSM answer kept for later survives a change saved at that moment", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { ticket, answer } = await deskWithSyncedTicket(slack, jsm);
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
  const result = await answer(words);
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
