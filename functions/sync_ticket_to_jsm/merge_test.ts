// A merged ticket's JSM request: linked to the kept ticket's as its
// duplicate, once, and closed as an agent closes it; a link JSM refuses is
// said in the card's thread and not retried.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { syncFunction } from "../../dev/testing/jsm_fixtures.ts";
import { submitPair } from "../../dev/testing/merge_actions.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";

async function mergedInJsm(options: { withoutDuplicateType?: boolean } = {}) {
  const slack = await startFakeSlack();
  const jsm = await startFakeJsm();
  await configure(slack);
  if (options.withoutDuplicateType) {
    jsm.desk.issueLinks.types.delete("Duplicate");
  }
  const client = clientFor(slack);
  const runSync = syncFunction(slack, jsm);
  const sync = async (ticket_id: string) =>
    (await runSync(ticket_id)).outputs?.sync_state;
  const open = async (requester: string, summary: string) =>
    (await openTicket(
      client,
      {
        summary,
        description: "Tray 2.",
        priority: "normal",
        category: "Hardware",
        requester,
      },
      "form",
      Date.now(),
      { syncToJsm: true },
    )).ticket;
  const kept = await open(PEOPLE.requester, "Printer on 3 jams");
  const merged = await open(PEOPLE.bystander, "3rd floor printer jams");
  assert.equal(await sync(kept.id), "synced");
  assert.equal(await sync(merged.id), "synced");
  const answer = await submitPair(slack, "merge", merged.id, PEOPLE.agent, {
    key: kept.key,
  });
  assert.equal(answer, undefined, JSON.stringify(answer));
  return {
    slack,
    jsm,
    sync,
    kept: await storedTicket(slack, kept.id),
    merged: await storedTicket(slack, merged.id),
  };
}

Deno.test("the merged request is linked as a duplicate and closed", async () => {
  const { slack, jsm, sync, kept, merged } = await mergedInJsm();
  await using _slack = slack;
  await using _jsm = jsm;
  assert.equal(merged.jsm_sync, "pending");
  assert.equal(await sync(merged.id), "synced");
  assert.deepEqual(jsm.desk.issueLinks.links.map(({ id: _, ...l }) => l), [{
    type: "Duplicate",
    inward: kept.jsm_key,
    outward: merged.jsm_key,
  }]);
  assert.equal(jsm.requests.get(merged.jsm_key!)!.status, "Closed");
  const after = await storedTicket(slack, merged.id);
  assert.equal(after.jsm_duplicate_linked, true);
  assert.equal(after.jsm_duplicate_of, kept.jsm_key);
  assert.equal(after.jsm_sync, "synced");
  // Nothing is owed any more: syncing again links nothing twice.
  const linkCalls = () =>
    jsm.calls.filter((c) => c.path === "/rest/api/3/issueLink").length;
  const before = linkCalls();
  await sync(merged.id);
  assert.equal(linkCalls(), before);

  // Unmerged: the link goes (the status goes as any reopen's does).
  const unmerged = await submitPair(slack, "unmerge", kept.id, PEOPLE.agent, {
    key: merged.key,
  });
  assert.equal(unmerged, undefined, JSON.stringify(unmerged));
  assert.equal(await sync(merged.id), "synced");
  assert.deepEqual(jsm.desk.issueLinks.links, []);
  const back = await storedTicket(slack, merged.id);
  assert.equal(back.jsm_duplicate_of, undefined);
  assert.equal(back.jsm_duplicate_linked, undefined);
  assert.equal(back.status, "new");
});

Deno.test("a link JSM refuses is told in the thread and not retried", async () => {
  const { slack, jsm, sync, merged } = await mergedInJsm({
    withoutDuplicateType: true,
  });
  await using _slack = slack;
  await using _jsm = jsm;
  assert.equal(await sync(merged.id), "synced");
  assert.deepEqual(jsm.desk.issueLinks.links, []);
  const said = slack.workspace.repliesTo(TRIAGE, merged.card_ts!).at(-1)!;
  assert.match(
    said.text,
    new RegExp(`${merged.jsm_key} was not linked to .* as its duplicate`),
  );
  assert.match(said.text, /No issue link type with name 'Duplicate'/);
  assert.equal(
    (await storedTicket(slack, merged.id)).jsm_duplicate_linked,
    true,
  );
  assert.equal(jsm.requests.get(merged.jsm_key!)!.status, "Closed");
});
