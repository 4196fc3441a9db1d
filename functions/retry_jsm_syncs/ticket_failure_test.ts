// A failure that is one ticket's own (Slack refused to record a comment JSM
// took) is no sign that JSM is failing: the scheduled retry goes on with
// the other due tickets instead of leaving them for a later run.
import assert from "node:assert/strict";
import {
  configure,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicketSyncedByFunction } from "../../dev/testing/jsm_fixtures.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";
import { connectToJsm } from "../../use_cases/jsm/jsm_connection.ts";
import { retryPendingJsmSyncs } from "../../use_cases/jsm/jsm_retry.ts";

Deno.test("one ticket's own failure does not stop the JSM retry's run", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const first = await openTicketSyncedByFunction(slack, jsm);
  const second = await openTicketSyncedByFunction(slack, jsm);
  const { client } = first;
  for (const { ticket } of [first, second]) {
    const said = await converse(
      client,
      ticket.id,
      PEOPLE.requester,
      "comment",
      `Still broken on ${ticket.key}`,
    );
    assert.ok(said.ok);
  }
  // JSM takes the first ticket's comment, but Slack refuses its record.
  slack.fail({
    method: "apps.datastore.update",
    error: "internal_error",
    times: Infinity,
    when: (args) =>
      args.datastore === "tickets" &&
      (args.item as { id?: string } | undefined)?.id === first.ticket.id &&
      JSON.stringify(args.item ?? {}).includes("jsm-comment:"),
  });
  const connection = await connectToJsm(client, jsm.apiTokenEnv(), undefined);
  assert.ok(connection.ok);
  const report = await retryPendingJsmSyncs({
    client,
    ticketIds: [first.ticket.id, second.ticket.id],
    jsm: connection.jsm,
    config: connection.config,
    now: Math.floor(Date.now() / 1000) + 300,
    stopStartingAt: Date.now() + 10_000,
  });
  assert.deepEqual(report, {
    due: 2,
    synced: 1,
    stillPending: 1,
    finished: true,
  });
  assert.equal(
    (await storedTicket(slack, first.ticket.id)).jsm_sync,
    "pending",
  );
  const done = await storedTicket(slack, second.ticket.id);
  assert.equal(done.jsm_sync, "synced");
  const request = jsm.requests.get(done.jsm_key!)!;
  assert.ok(
    request.comments.some((c) =>
      c.body.includes(`Still broken on ${done.key}`)
    ),
  );
});
