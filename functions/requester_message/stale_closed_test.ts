// A requester's reply just after their ticket was reopened: the reply's run
// may read the ticket as it was before the reopen (Slack's datastores are
// eventually consistent), and that stale "closed" must not turn the words
// away. Closed is believed only from a read as new as the ticket's last
// change (the revision its lock's record names).
import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  clientFor,
  functionContext,
  GENERAL,
  intakeQueue,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { reactWithTicket } from "../../dev/testing/reaction_deliveries.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { lockId } from "../../slack/storage/ticket_lock.ts";
import { checkSpeaker } from "../../use_cases/conversation/conversation_speaker.ts";

Deno.test("a reply read as closed by a stale read just after a reopen is passed on", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, "Printer").ts;
  await reactWithTicket(slack, ts, PEOPLE.agent);
  const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
  const client = clientFor(slack);
  const withdrawn = await changeTicket(
    client,
    id,
    { type: "withdraw" },
    PEOPLE.requester,
  );
  assert.equal(withdrawn.ok, true, JSON.stringify(withdrawn));
  // Every read answers the version before the newest write (DynamoDB's
  // eventually consistent reads at their worst), until the lock's record
  // is read: from then on the replicas have caught up.
  slack.staleReads = { windowMs: 60_000, chance: 1 };
  const reopened = await changeTicket(
    client,
    id,
    { type: "reopen" },
    PEOPLE.requester,
  );
  assert.equal(reopened.ok, true, JSON.stringify(reopened));
  slack.beforeAnswer((method, args) => {
    if (
      method === "apps.datastore.get" && args.datastore === "locks" &&
      args.id === lockId(id)
    ) slack.settleReads();
  });
  const said = slack.workspace.postAs(
    PEOPLE.requester,
    GENERAL,
    "Still jammed, sorry",
    ts,
  );
  const result = await handler(functionContext("requester_message", slack, {
    channel: GENERAL,
    message_ts: said.ts,
    thread_ts: ts,
  }));
  const ticket = await storedTicket(slack, id);

  await t.step("the words reach the card's thread", () => {
    assert.equal(result.error, undefined);
    assert.ok(slack.staleAnswers > 0, "a stale read was given");
    assert.equal(
      slack.workspace.repliesTo(TRIAGE, ticket.card_ts!)
        .filter((m) => m.text.includes("Still jammed")).length,
      1,
    );
  });

  await t.step("nobody is told the open ticket is closed", () => {
    assert.deepEqual(
      slack.workspace.ephemerals.filter((e) => /is closed/.test(e.text)),
      [],
    );
    assert.notEqual(ticket.status, "closed");
  });
});

Deno.test("the requester's Reply form is not refused on a stale closed", async (t) => {
  await using slack = await startFakeSlack();
  await intakeQueue(slack);
  const ts = slack.workspace.postAs(PEOPLE.requester, GENERAL, "Scanner").ts;
  await reactWithTicket(slack, ts, PEOPLE.agent);
  const id = await ticketIdFor(creationKeys.message(GENERAL, ts));
  const client = clientFor(slack);
  await changeTicket(client, id, { type: "withdraw" }, PEOPLE.requester);

  await t.step("closed for sure: refused, and told why", async () => {
    const speaker = await checkSpeaker(
      clientFor(slack),
      id,
      PEOPLE.requester,
      "comment",
    );
    assert.equal(speaker.ok, false);
    assert.match((speaker as { reason: string }).reason, /is closed/);
  });

  await t.step("reopened, read stale: the form opens", async () => {
    slack.staleReads = { windowMs: 60_000, chance: 1 };
    await changeTicket(client, id, { type: "reopen" }, PEOPLE.requester);
    slack.beforeAnswer((method, args) => {
      if (
        method === "apps.datastore.get" && args.datastore === "locks" &&
        args.id === lockId(id)
      ) slack.settleReads();
    });
    const speaker = await checkSpeaker(
      clientFor(slack),
      id,
      PEOPLE.requester,
      "comment",
    );
    assert.equal(speaker.ok, true, JSON.stringify(speaker));
    assert.ok(slack.staleAnswers > 0, "a stale read was given");
  });
});
