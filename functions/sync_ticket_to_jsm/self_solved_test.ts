// A ticket its requester closed with "This solved it" reaches JSM as a
// resolution: the request moves to Closed (through Resolved when JSM's
// workflow has no direct way) with a public comment saying which answer
// solved it.
import assert from "node:assert/strict";
import {
  configure,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicketSyncedByFunction } from "../../dev/testing/jsm_fixtures.ts";
import { closeAsSelfSolved } from "../../use_cases/changes/self_solve.ts";

Deno.test("a self-solved ticket closes its JSM request, saying why", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(
    slack,
    jsm,
  );
  const closed = await closeAsSelfSolved(
    client,
    ticket.id,
    "HD-ABC123",
    PEOPLE.requester,
  );
  assert.ok(closed.ok);
  assert.equal((await storedTicket(slack, ticket.id)).jsm_sync, "pending");
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
  const [request] = [...jsm.requests.values()];
  assert.equal(request.status, "Closed");
  const said = request.comments.map((c) => [c.body.split("\n")[0], c.public]);
  assert.deepEqual(said, [[
    "Closed by the requester: the answer of HD-ABC123, a solved ticket Helpdesk suggested in Slack, solved it.",
    true,
  ]]);
});
