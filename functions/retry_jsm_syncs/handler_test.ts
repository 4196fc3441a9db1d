import assert from "node:assert/strict";
import handler from "./handler.ts";
import { RETRY_JSM_CALLBACK_ID } from "./definition.ts";
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
import { connectToJsm } from "../../use_cases/jsm/jsm_connection.ts";
import { syncTicketToJsm } from "../../use_cases/jsm/jsm_sync.ts";
import { retryPendingJsmSyncs } from "../../use_cases/jsm/jsm_retry.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";

/** The ids the scheduled run's pass over the open work hands this step. */
async function dueForJsm(client: SlackAPIClient, now: number) {
  const run = await runScheduledChecks(client, now, { channelIntervalMs: 1 });
  return run.jsmDue;
}

Deno.test("retry_jsm_syncs: JSM down across many scheduled runs, then every ticket synced exactly once", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const client = clientFor(slack);
  const env = jsm.apiTokenEnv();
  // Short budgets keep twelve outage runs quick; the logic is the same.
  const connect = async (deadlineMs = 1_500) => {
    const c = await connectToJsm(client, env, undefined, {
      deadlineMs,
      perAttemptTimeoutMs: 600,
    });
    assert.ok(c.ok);
    return c;
  };

  // Eight tickets opened during an outage. Their immediate syncs fail in
  // three ways: 503s, a create that lands but whose answer is lost, and a
  // step that never ran at all.
  const start = Math.floor(Date.now() / 1000);
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const { ticket } = await openTicket(
      client,
      {
        summary: `Outage ticket ${i}`,
        description: "",
        priority: "normal",
        category: "General",
        requester: PEOPLE.requester,
      },
      "form",
      Date.now(),
      { syncToJsm: true },
    );
    ids.push(ticket.id);
  }
  jsm.fail("/rest/servicedeskapi/*", { status: 503, times: Infinity });
  const c = await connect();
  for (const id of ids.slice(0, 5)) {
    const outcome = await syncTicketToJsm(
      { client, jsm: c.jsm, config: c.config, now: start },
      id,
    );
    assert.equal(outcome.state, "pending");
  }
  jsm.clearFailures();
  jsm.slowOnce("/rest/servicedeskapi/request", 2_000, "POST");
  const lost = await syncTicketToJsm(
    { client, jsm: c.jsm, config: c.config, now: start },
    ids[5],
  );
  assert.equal(lost.state, "pending");
  assert.equal(jsm.requests.size, 1, "the lost answer's request exists");
  // ids[6] and ids[7]: their sync step never ran.

  // Twelve scheduled runs, an hour apart, with JSM down throughout.
  jsm.fail("/rest/servicedeskapi/*", { status: 503, times: Infinity });
  for (let run = 1; run <= 12; run++) {
    const ticketIds = await dueForJsm(client, start + run * 3600);
    const report = await retryPendingJsmSyncs({
      client,
      ticketIds,
      ...await connect(200),
      now: start + run * 3600,
      stopStartingAt: Date.now() + 10_000,
    });
    assert.equal(report.synced, 0);
    assert.equal(report.finished, false, "an outage stops the run early");
    assert.match(report.stoppedBecause!, /unavailable|kept failing/);
  }
  for (const id of ids) {
    assert.equal((await storedTicket(slack, id)).jsm_sync, "pending");
  }

  // JSM is back: the next scheduled run (the real function) syncs them all.
  // Thirteen hours on, Jira's search shows the lost answer's request.
  jsm.clearFailures();
  const later = start + 13 * 3600;
  jsm.now = () => Date.now() + 13 * 3600_000;
  const report = await retryPendingJsmSyncs({
    client,
    ticketIds: await dueForJsm(client, later),
    ...await connect(),
    now: later,
    stopStartingAt: Date.now() + 10_000,
  });
  assert.deepEqual(report, {
    due: 8,
    synced: 8,
    stillPending: 0,
    finished: true,
  });
  assert.equal(jsm.requests.size, 8);
  const summaries = [...jsm.requests.values()].map((r) => r.summary).sort();
  const keys = new Set<string>();
  for (const id of ids) {
    const ticket = await storedTicket(slack, id);
    assert.equal(ticket.jsm_sync, "synced");
    keys.add(ticket.jsm_key!);
    assert.equal(
      summaries.filter((s) => s.startsWith(`[${ticket.key}]`)).length,
      1,
      `${ticket.key} has exactly one JSM request`,
    );
  }
  assert.equal(keys.size, 8);

  // And a scheduled run afterwards finds nothing left to do.
  const result = await handler(
    functionContext(RETRY_JSM_CALLBACK_ID, slack, {}, env),
  );
  assert.deepEqual(result.outputs, {
    due: 0,
    synced: 0,
    still_pending: 0,
    finished: true,
  });
  assert.equal(jsm.requests.size, 8);
});

Deno.test("retry_jsm_syncs: a ticket waiting for Jira's search neither stops the run nor is created again", async () => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm({ searchLagMs: 10 * 60_000 });
  await configure(slack);
  const client = clientFor(slack);
  const c = await connectToJsm(client, jsm.apiTokenEnv(), undefined, {
    deadlineMs: 2_000,
    perAttemptTimeoutMs: 400,
  });
  assert.ok(c.ok);
  const open = async (summary: string) =>
    (await openTicket(
      client,
      {
        summary,
        description: "",
        priority: "normal",
        category: "General",
        requester: PEOPLE.requester,
      },
      "form",
      Date.now(),
      { syncToJsm: true },
    )).ticket;
  const start = Math.floor(Date.now() / 1000);
  // The first ticket's create lands but its answer is lost.
  const lost = await open("Answer lost");
  jsm.slowOnce("/rest/servicedeskapi/request", 2_000, "POST");
  const outcome = await syncTicketToJsm(
    { client, jsm: c.jsm, config: c.config, now: start },
    lost.id,
  );
  assert.equal(outcome.state, "pending");
  // Its retry is due, and so is a second ticket's, never tried.
  const never = await open("Never tried");
  const report = await retryPendingJsmSyncs({
    client,
    ticketIds: await dueForJsm(client, start + 5 * 60),
    jsm: c.jsm,
    config: c.config,
    now: start + 5 * 60,
    stopStartingAt: Date.now() + 10_000,
  });
  assert.deepEqual(report, {
    due: 2,
    synced: 1,
    stillPending: 1,
    finished: true,
  });
  assert.equal(jsm.requests.size, 2, "one each, none twice");
  const waiting = await storedTicket(slack, lost.id);
  assert.equal(waiting.jsm_sync, "pending");
  assert.match(waiting.jsm_error!, /looks again after/);
  assert.equal((await storedTicket(slack, never.id)).jsm_sync, "synced");
});
