// Two of the requester's messages with files, passed on at the same time on
// a ticket linked to JSM: each file is queued for the JSM request. What
// records the copies is written under the ticket's lock, so one run's
// write never drops the other's.
import assert from "node:assert/strict";
import relayHandler from "./handler.ts";
import {
  clientFor,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  FILES_ON,
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
  shot,
} from "../../dev/testing/file_fixtures.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";

Deno.test("files of two replies at once both reach the JSM queue", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const message = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Printer");
  await react(slack, message.ts);
  const opened = await onlyTicket(slack);
  // Linked to a JSM request: the copies are queued for it.
  await putTicket(clientFor(slack), { ...opened, jsm_key: "IT-1" });
  const relay = (ts: string) =>
    relayHandler(functionContext("requester_message", slack, {
      channel: PEOPLE_INTAKE,
      message_ts: ts,
      thread_ts: message.ts,
    }, FILES_ON));
  const one = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "", message.ts, [
    { name: "jam.png", mimetype: "image/png", bytes: shot },
  ]);
  const two = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "", message.ts, [
    { name: "printer.log", bytes: log },
  ]);
  // Each run's write of the copies waits, up to a moment, until the other
  // has read the ticket too: the two reads and writes interleave unless
  // something keeps them apart.
  let reads = 0;
  slack.beforeAnswer(async (method, args) => {
    if (args.datastore !== "tickets") return;
    if (method === "apps.datastore.get") reads++;
    if (method !== "apps.datastore.update") return;
    const before = reads;
    for (let i = 0; i < 40 && reads === before; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  const results = await Promise.all([relay(one.ts), relay(two.ts)]);
  for (const r of results) assert.equal(r.error, undefined);
  const ticket = await storedTicket(slack, opened.id);
  const queued = (ticket.jsm_files ?? []).map((f) => JSON.parse(f).name)
    .sort();
  assert.deepEqual(queued, ["jam.png", "printer.log"]);
  for (const m of [one, two]) {
    assert.ok(
      ticket.copied_files?.includes(m.files![0].id),
      `${m.files![0].name} recorded as copied`,
    );
  }
});
