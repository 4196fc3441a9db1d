// What the card's thread says when a sync fails for the first time: of a
// ticket with no request yet, that it is not in JSM; of one already linked
// (a status, a comment or a file that did not get through), that its
// request is behind, naming it. "Not in JSM yet" of a linked ticket would
// be untrue, and would send agents to raise the request again by hand.
import assert from "node:assert/strict";
import {
  configure,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicketSyncedByFunction } from "../../dev/testing/jsm_fixtures.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";

Deno.test("a linked ticket's failed sync says its request is behind, not missing", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(
    slack,
    jsm,
  );
  const linked = await storedTicket(slack, ticket.id);
  assert.ok(linked.jsm_key);
  const done = await changeTicket(
    client,
    ticket.id,
    { type: "claim" },
    PEOPLE.agent,
    Math.floor(Date.now() / 1000),
  );
  assert.ok(done.ok);
  // JSM is down while the request is moved to In progress.
  jsm.fail(/\/transitions$/, { status: 503, times: Infinity });
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
  jsm.clearFailures();
  const note = slack.workspace.repliesTo(TRIAGE, linked.card_ts!).at(-1)!;
  assert.match(note.text, /^:warning:/);
  assert.doesNotMatch(note.text, /is not in Jira Service Management yet/);
  assert.match(note.text, new RegExp(`${linked.jsm_key}\\b`));
  assert.match(note.text, /Helpdesk will try again/);
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
});
