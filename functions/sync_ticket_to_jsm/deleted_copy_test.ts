// A file queued for the JSM request whose copy in the card's thread was
// deleted meanwhile: it can never be attached, so it must not hold up the
// files after it (every sync stopping at it, forever), and the card's
// thread says it was not attached.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "./definition.ts";
import {
  functionContext,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import {
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
} from "../../dev/testing/file_fixtures.ts";
import { PEOPLE } from "../../dev/testing/harness.ts";

Deno.test("a deleted copy is told, and the next file still goes to JSM", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startFakeJsm();
  await configureQueues(slack);
  const env = { ...jsm.apiTokenEnv(), HELPDESK_FILES: "on" };
  const ws = slack.workspace;
  const message = ws.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "Printer",
    undefined,
    [
      { name: "wrong.log", mimetype: "text/plain", bytes: log },
      { name: "right.log", mimetype: "text/plain", bytes: log },
    ],
  );
  await react(slack, message.ts, env);
  const ticket = await onlyTicket(slack);
  const queued = (ticket.jsm_files ?? []).map((e) => JSON.parse(e));
  assert.deepEqual(queued.map((f) => f.name), ["wrong.log", "right.log"]);
  // Someone deletes the first copy from the card's thread.
  ws.files.byId.get(queued[0].id)!.deleted = true;
  const sync = () =>
    handler(functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, {
      ticket_id: ticket.id,
    }, env));
  const result = await sync();
  const key = String(result.outputs?.jsm_key);
  assert.deepEqual(
    (jsm.desk.attachments.byRequest.get(key) ?? []).map((a) => a.filename),
    ["right.log"],
  );
  assert.equal(result.outputs?.sync_state, "synced");
  assert.deepEqual((await storedTicket(slack, ticket.id)).jsm_files ?? [], []);
  const note = ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!).find((m) =>
    m.text.startsWith("wrong.log was not attached")
  );
  assert.ok(note, "the card's thread says so");
});
