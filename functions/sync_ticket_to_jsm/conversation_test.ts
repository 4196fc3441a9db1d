// The conversation through a ticket reaches its JSM request: replies and
// the requester's words as public comments, notes as internal ones, in the
// order said, each once; and a comment Helpdesk sent does not come back.
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
import { isFromSlack } from "../../helpdesk/tickets/jsm_comments.ts";

Deno.test("the conversation becomes JSM comments, public and internal", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(
    slack,
    jsm,
  );

  for (
    const [person, action, text] of [
      [PEOPLE.agent, "reply", "Which client version?"],
      [PEOPLE.agent, "note", "Probably the 5.2 bug"],
      [PEOPLE.requester, "comment", "5.2, on Windows"],
    ] as const
  ) {
    const said = await converse(client, ticket.id, person, action, text);
    assert.ok(said.ok);
  }
  assert.equal((await storedTicket(slack, ticket.id)).jsm_comments?.length, 3);
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
  const [request] = [...jsm.requests.values()];
  assert.deepEqual(
    request.comments.map((c) => [c.body.split("\n")[0], c.public]),
    [
      ["Which client version?", true],
      ["Probably the 5.2 bug", false],
      ["5.2, on Windows", true],
    ],
  );
  assert.ok(request.comments.every((c) => isFromSlack(c.body)));
  // Sent once: nothing left to send, and syncing again sends nothing.
  assert.equal((await storedTicket(slack, ticket.id)).jsm_comments, undefined);
  await sync(ticket.id);
  assert.equal(request.comments.length, 3);
});
