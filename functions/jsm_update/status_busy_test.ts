// A JSM status the ticket could not take (another change held it for the
// whole wait, or Slack had not caught up with the last change) is not lost
// in silence: Slack answered JSM's web request when the run started, so JSM
// does not send it again, and the agents are told in the card's thread that
// the ticket did not follow, and why. Held past the second wait too (to keep
// the status as owed, for the scheduled retry: see
// functions/retry_jsm_syncs/missed_status_test.ts), it is left to an agent,
// and the thread says so.
import assert from "node:assert/strict";
import { WEBHOOK_SECRET as SECRET } from "../../dev/testing/file_fixtures.ts";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  functionContext,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openSyncedTicket } from "../../dev/testing/jsm_fixtures.ts";
import {
  anotherRunHoldsLock,
  anotherRunLetsGo,
} from "../../dev/testing/lock_fixtures.ts";

Deno.test("a JSM status a busy ticket could not take is told, not dropped", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Printer on 3 jams",
    priority: "normal",
  });
  const saved = await storedTicket(slack, ticket.id);
  await anotherRunHoldsLock(slack, saved, { holder: "another-run" });
  const result = await handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
    secret: SECRET,
    issue_key: saved.jsm_key!,
    status: "Resolved",
    event_at: "2026-12-07T04:50:00.000+0000",
  }, env));
  anotherRunLetsGo(slack, saved);
  assert.ok(result.outputs, JSON.stringify(result));
  assert.equal((await storedTicket(slack, ticket.id)).status, saved.status);
  const note = slack.workspace.repliesTo(TRIAGE, saved.card_ts!).at(-1)!;
  assert.match(note.text, /^:warning:/);
  assert.match(note.text, /“Resolved”/);
  assert.match(note.text, new RegExp(`${saved.key} did not follow`));
  assert.match(note.text, /Set its status here by hand/);
  assert.doesNotMatch(note.text, /scheduled check/);
  assert.equal(
    (await storedTicket(slack, ticket.id)).jsm_status_missed_at,
    undefined,
  );
});
