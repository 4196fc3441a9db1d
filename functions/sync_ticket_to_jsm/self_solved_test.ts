// A ticket its requester closed with "This solved it" reaches JSM as a
// resolution: the request moves to Closed (through Resolved when JSM's
// workflow has no direct way) with a public comment saying which answer
// solved it.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "./definition.ts";
import {
  clientFor,
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import { closeAsSelfSolved } from "../../use_cases/changes/self_solve.ts";

Deno.test("a self-solved ticket closes its JSM request, saying why", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const client = clientFor(slack);
  const sync = (ticket_id: string) =>
    handler(functionContext(
      SYNC_TO_JSM_CALLBACK_ID,
      slack,
      { ticket_id },
      jsm.apiTokenEnv(),
    ));
  const { ticket } = await openTicket(
    client,
    {
      summary: "VPN drops hourly",
      description: "Since Monday.",
      priority: "high",
      category: "Network",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { syncToJsm: true },
  );
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
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
