// A status JSM set that its ticket could not take (its save failed, or the
// ticket was busy) is not applied by the webhook's run, and JSM never sends
// it again: the ticket keeps that it owes it, and
// the scheduled retry reads the request's status and follows it, telling
// the thread and the requester as the webhook would have, once. A webhook
// that comes later, or a second run, changes and says nothing more.
import assert from "node:assert/strict";
import { WEBHOOK_SECRET as SECRET } from "../../dev/testing/file_fixtures.ts";
import jsmUpdate from "../jsm_update/handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "../jsm_update/definition.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  type FakeJsm,
  startFakeJsm,
} from "../../dev/testing/fake_jsm/server.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import {
  openSyncedTicket,
  syncFunction,
} from "../../dev/testing/jsm_fixtures.ts";
import { connectToJsm } from "../../use_cases/jsm/jsm_connection.ts";
import { retryPendingJsmSyncs } from "../../use_cases/jsm/jsm_retry.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";

/**
 * JSM's agent resolves the request; its webhook's run cannot save the
 * ticket (Slack refuses every whole-ticket write for the while), though it
 * can still note on it what it owes.
 */
async function missResolved(slack: FakeSlack, jsm: FakeJsm) {
  await configure(slack);
  const { client, env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Printer on 3 jams",
    priority: "normal",
  });
  const saved = await storedTicket(slack, ticket.id);
  jsm.requests.get(saved.jsm_key!)!.status = "Resolved";
  slack.fail({
    method: "apps.datastore.put",
    error: "internal_error",
    times: Infinity,
    when: (args) => args.datastore === "tickets",
  });
  const webhook = () =>
    jsmUpdate(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
      secret: SECRET,
      issue_key: saved.jsm_key!,
      status: "Resolved",
      event_at: "2026-12-07T04:50:00.000+0000",
    }, env));
  const result = await webhook();
  slack.clearFailures();
  assert.ok(result.outputs, JSON.stringify(result));
  const said = () => ({
    thread: slack.workspace.repliesTo(TRIAGE, saved.card_ts!)
      .map((m) => m.text),
    dms: slack.workspace.dmsTo(PEOPLE.requester).length,
  });
  return { client, env, saved, webhook, said };
}

async function scheduledRetry(
  client: SlackAPIClient,
  env: Record<string, string>,
  now: number,
) {
  const due = await runScheduledChecks(client, now, { channelIntervalMs: 1 });
  const connection = await connectToJsm(client, env, undefined);
  assert.ok(connection.ok);
  return retryPendingJsmSyncs({
    client,
    ticketIds: due.jsmDue,
    jsm: connection.jsm,
    config: connection.config,
    now,
    stopStartingAt: Date.now() + 10_000,
  });
}

Deno.test("a JSM status a ticket missed is followed at the scheduled check, once", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { client, env, saved, webhook, said } = await missResolved(slack, jsm);
  const missed = await storedTicket(slack, saved.id);
  const before = said();

  await t.step(
    "the ticket keeps that it owes JSM's status, and says so",
    () => {
      assert.equal(missed.status, saved.status);
      assert.ok(missed.jsm_status_missed_at);
      assert.equal(missed.jsm_sync, "pending");
      const note = before.thread.at(-1)!;
      assert.match(note, /^:warning:.*“Resolved”/);
      assert.match(note, new RegExp(`${saved.key} did not follow`));
      assert.match(note, /Helpdesk will follow it by itself/);
      assert.doesNotMatch(note, /by hand|try again/);
    },
  );

  const later = Math.floor(Date.now() / 1000) + 300;
  await t.step(
    "the scheduled retry reads the request and follows it",
    async () => {
      const report = await scheduledRetry(client, env, later);
      assert.deepEqual(report, {
        due: 1,
        synced: 1,
        stillPending: 0,
        finished: true,
      });
      const after = await storedTicket(slack, saved.id);
      assert.equal(after.status, "resolved");
      assert.equal(after.jsm_status, "Resolved");
      assert.equal(after.jsm_status_missed_at, undefined);
      assert.equal(after.jsm_sync, "synced");
      assert.equal(
        jsm.callsTo("GET", `/rest/servicedeskapi/request/${saved.jsm_key}`)
          .length,
        1,
      );
      assert.equal(jsm.callsTo("POST", /\/transition$/).length, 0);
      const now = said();
      const told = now.thread.slice(before.thread.length);
      assert.equal(told.length, 1, told.join("\n"));
      assert.match(told[0], /Resolved/);
      assert.equal(now.dms, before.dms + 1, "the requester hears it once");
    },
  );

  await t.step("a second run and a late webhook say nothing more", async () => {
    const told = said();
    assert.equal((await scheduledRetry(client, env, later + 600)).due, 0);
    assert.ok((await webhook()).outputs);
    assert.deepEqual(said(), told);
    assert.equal((await storedTicket(slack, saved.id)).status, "resolved");
  });
});

Deno.test("a missed JSM status a later webhook applied is not applied again", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { client, env, saved, webhook, said } = await missResolved(slack, jsm);
  assert.ok((await webhook()).outputs);
  const applied = await storedTicket(slack, saved.id);
  assert.equal(applied.status, "resolved");
  assert.equal(applied.jsm_status_missed_at, undefined);
  const told = said();
  const report = await scheduledRetry(
    client,
    env,
    Math.floor(Date.now() / 1000) + 300,
  );
  assert.equal(report.stillPending, 0);
  assert.deepEqual(said(), told);
  assert.equal(
    jsm.callsTo("GET", `/rest/servicedeskapi/request/${saved.jsm_key}`)
      .length,
    0,
    "nothing owed: JSM is not asked",
  );
});

Deno.test("a missed JSM status stays owed while JSM rate-limits the check", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { client, env, saved, said } = await missResolved(slack, jsm);
  // JSM's burst limit on reading the request: asked again before its
  // 30 s are over, it refuses again.
  const start = Date.now();
  jsm.now = () => start;
  jsm.rateLimit(`/rest/servicedeskapi/request/${saved.jsm_key}`, {
    retryAfter: 30,
    method: "GET",
  });
  const later = Math.floor(Date.now() / 1000) + 300;
  const report = await scheduledRetry(client, env, later);
  assert.equal(report.stillPending, 1, JSON.stringify(report));
  assert.match(report.stoppedBecause!, /HTTP 429/);
  const owed = await storedTicket(slack, saved.id);
  assert.equal(owed.status, saved.status);
  assert.ok(owed.jsm_status_missed_at);
  assert.equal(owed.jsm_sync, "pending");
  assert.equal(said().thread.filter((t) => /HTTP 429/.test(t)).length, 1);
  jsm.now = () => start + 31_000;
  const told = said();
  await scheduledRetry(client, env, owed.jsm_retry_at! + 1);
  const after = await storedTicket(slack, saved.id);
  assert.equal(after.status, "resolved");
  assert.equal(after.jsm_status_missed_at, undefined);
  assert.equal(said().dms, told.dms + 1);
});

Deno.test("the sync step after another change leaves a missed JSM status owed", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { client, env, saved } = await missResolved(slack, jsm);
  // The step that follows a change in Slack (one that is not the status)
  // neither moves the request back nor takes the ticket off the retry.
  assert.ok((await syncFunction(slack, jsm)(saved.id)).outputs);
  assert.equal(jsm.requests.get(saved.jsm_key!)!.status, "Resolved");
  assert.equal(jsm.callsTo("POST", /\/transitions?$/).length, 0);
  const owed = await storedTicket(slack, saved.id);
  assert.ok(owed.jsm_status_missed_at);
  assert.equal(owed.jsm_sync, "pending");
  await scheduledRetry(client, env, owed.jsm_retry_at! + 1);
  assert.equal((await storedTicket(slack, saved.id)).status, "resolved");
});

Deno.test("a status set in Slack after a missed JSM status is the one that counts", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  const { client, env, saved, said } = await missResolved(slack, jsm);
  // An agent claims the ticket after JSM's status was missed: the newer
  // word goes to JSM, and the older one is not followed over it.
  const claimed = await changeTicket(
    client,
    saved.id,
    { type: "claim" },
    PEOPLE.agent,
  );
  assert.ok(claimed.ok);
  const changed = await storedTicket(slack, saved.id);
  assert.equal(changed.status, "in_progress");
  assert.equal(changed.jsm_status_missed_at, undefined);
  const told = said();
  await scheduledRetry(client, env, changed.jsm_retry_at! + 1);
  assert.equal((await storedTicket(slack, saved.id)).status, "in_progress");
  // JSM is asked to move (its workflow decides whether it can).
  assert.ok(jsm.callsTo("GET", /\/transitions$/).length > 0);
  assert.equal(said().dms, told.dms, "the requester hears no resolve");
});
