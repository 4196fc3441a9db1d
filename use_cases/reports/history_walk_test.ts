// An install with 10,000 tickets from before the open work index moves to
// the new layout by itself on its first scheduled runs: resumably, with
// failures injected midway, without losing, duplicating or changing a
// ticket, and with reports that match the exact computation afterwards.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { Item } from "../../dev/testing/fake_slack/datastores.ts";
import { toItem } from "../../slack/storage/ticket_store.ts";
import { runScheduledChecks } from "../schedule/scheduled_run.ts";
import {
  reportFor,
  reportFromEveryTicket,
  ticketsForReport,
} from "./ticket_report.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { DEFAULT_SLA_POLICY } from "../../helpdesk/service_levels/sla_policy.ts";
import { hasWorkLeft, LIST_FIELDS } from "../../helpdesk/tickets/open_work.ts";
import {
  historyTickets,
  seedHistory,
} from "../../dev/testing/history_fixtures.ts";
import { WALK_STATE_ID } from "../../slack/storage/work_store.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const D = 86_400;
const TICKETS = 10_000;

/** What the export reads: the last week's tickets, each named or not. */
const reportTickets = (client: ReturnType<typeof clientFor>, now: number) =>
  ticketsForReport(client, lastDays(now, 7));

/**
 * 10,000 tickets over 60 days as the old version stored them (no revision,
 * no report days): 1,500 open (opened in the last half hour, so no notice is
 * due and the runs change no ticket), 500 resolved lately, 100 owing JSM a
 * sync, the rest closed, a third of those rated.
 */
function oldInstall(now: number): Ticket[] {
  return Array.from({ length: TICKETS }, (_, i) => {
    const id = `01OLD${String(i).padStart(6, "0")}`;
    if (i < 1_500) {
      const created = now - 60 - (i % 1800);
      return withServiceLevels(
        sampleTicket({
          id,
          key: `HD-O${i}`,
          status: i % 3 ? "new" : "in_progress",
          created_at: created,
          updated_at: created,
          requester: PEOPLE.requester,
        }),
        DEFAULT_SLA_POLICY,
        created,
      );
    }
    const created = now - ((i * 7919) % (60 * D)) - 3 * D;
    const resolved = i < 2_000 ? now - (i % (2 * D)) - 60 : created + 3600;
    const ticket = sampleTicket({
      id,
      key: `HD-O${i}`,
      status: i < 2_000 ? "resolved" : "closed",
      created_at: created,
      updated_at: resolved,
      first_response_at: created + 600,
      resolved_at: resolved,
      requester: PEOPLE.requester,
      ...(i >= 2_000 ? { closed_at: resolved + 60 } : {}),
      ...(i >= 2_000 && i % 3 === 0
        ? { rating: 1 + (i % 5), rated_at: resolved + 120 }
        : {}),
      ...(i >= 2_000 && i < 2_100
        ? { jsm_sync: "pending" as const, jsm_retry_at: now - 60 }
        : {}),
    });
    return withServiceLevels(ticket, DEFAULT_SLA_POLICY, resolved);
  });
}

Deno.test("an install with 10,000 tickets is indexed by its first scheduled runs, failures and all", async () => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const old = oldInstall(now);
  const seeded = old.map((ticket) => {
    const { report_days: _none, ...item } = toItem(ticket);
    return item as Item;
  });
  await slack.datastores.loadMany("tickets", seeded);
  const run = () =>
    runScheduledChecks(clientFor(slack), now, { channelIntervalMs: 0 });

  const log: string[] = [];
  const note = (what: string, r: Awaited<ReturnType<typeof run>>) =>
    log.push(`${what}: walked ${r.walked}, indexing ${r.indexing}`);

  // 1: an ordinary first run.
  note("run 1", await run());
  // 2: the open work index refuses a few entries, however often retried.
  slack.fail({
    method: "apps.datastore.bulkPut",
    when: (args) => args.datastore === "ticket_work",
    failItems: (item) => String((item as Item).id).endsWith("07"),
    times: Infinity,
  });
  note("run 2 (index writes partly failing)", await run());
  slack.clearFailures();
  // 3: Slack rate-limits the walk's second page.
  let pages = 0;
  slack.fail({
    method: "apps.datastore.query",
    status: 429,
    retryAfterSeconds: 30,
    when: (args) => args.datastore === "tickets" && ++pages === 2,
  });
  note("run 3 (rate limited)", await run());
  // 4: filing report figures fails.
  slack.fail({
    method: "apps.datastore.bulkPut",
    when: (args) => args.datastore === "report_days",
    error: "internal_error",
    times: Infinity,
  });
  note("run 4 (figures not filed)", await run());
  slack.clearFailures();

  let runs = 4;
  let last;
  do {
    last = await run();
    runs++;
    note(`run ${runs}`, last);
  } while (last.indexing && runs < 30);
  console.log(log.join("\n"));
  assert.equal(last.indexing, false, "indexed");

  // Not a ticket lost, added or changed.
  const { tickets, ticket_work } = await slack.datastores.dump();
  assert.equal(tickets.length, TICKETS);
  const byId = new Map(tickets.map((item) => [String(item.id), item]));
  for (const item of seeded) {
    assert.deepEqual(byId.get(String(item.id)), item, String(item.id));
  }

  // Exactly one entry per ticket with work left, and no other.
  const entries = ticket_work.filter((item) => item.id !== "~history_walk");
  const expected = old.filter((t) => hasWorkLeft(t, now)).map((t) => t.id);
  // 1,500 open, 500 resolved, 100 owing JSM, and 3,584 closed in the last
  // 30 days (My tickets shows them).
  assert.equal(expected.length, 5_684);
  assert.deepEqual(entries.map((e) => String(e.id)).sort(), expected.sort());
  for (const entry of entries) {
    assert.equal(entry.rev, "", "made from the ticket as stored");
    assert.equal(entry.rolled_rev, "", "its figures filed");
  }
  assert.equal(last.jsmDue.length, 50, "the JSM syncs due, handed on");

  for (const days of [7, 30, 90]) {
    const period = lastDays(now, days);
    assert.deepEqual(
      await reportFor(clientFor(slack), period, now),
      await reportFromEveryTicket(clientFor(slack), period, now),
      `${days} days`,
    );
  }
});

Deno.test("an index from before the lists' fields is caught up by the walk's next full pass", async () => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const shape = { total: 2_500, open: 300, due: 0, queues: 2, perDay: 100 };
  await seedHistory(slack, historyTickets(now, shape), shape, now, "indexed");
  // As the version before wrote it: entries without the lists' fields, and
  // a pass under way that it started.
  const { ticket_work } = await slack.datastores.dump();
  for (const item of ticket_work) {
    if (item.id === WALK_STATE_ID) {
      const { walk_lists_ready: _r, ...walk } = item;
      await slack.datastores.put("ticket_work", {
        ...walk,
        walk_cursor: "",
        walk_passes: 1,
      });
      continue;
    }
    const old = { ...item };
    for (const field of LIST_FIELDS) delete old[field];
    await slack.datastores.put("ticket_work", old);
  }
  const ready = async () =>
    (await slack.datastores.get("ticket_work", WALK_STATE_ID))
      .walk_lists_ready === true;
  // A run walks as many pages as its wall-clock budget allows, fewer on a
  // busy machine: the bound is generous, and the pass must still take more
  // than one run.
  let runs = 0;
  while (!(await ready()) && runs < 30) {
    await runScheduledChecks(clientFor(slack), now, { channelIntervalMs: 0 });
    runs++;
  }
  assert.ok(await ready(), `ready after ${runs} runs`);
  // Each run walks one page: ready only once the whole pass is done.
  assert.ok(runs > 1, `${runs} runs`);
  const after = (await slack.datastores.dump()).ticket_work.filter((item) =>
    item.id !== WALK_STATE_ID
  );
  const open = after.filter((item) => item.status === "in_progress");
  assert.equal(open.length, 300);
  for (const item of after) {
    assert.equal(item.requester, PEOPLE.requester, String(item.id));
    assert.equal(typeof item.updated_at, "number", String(item.id));
  }
});

Deno.test("open work from before entries named their tickets is named by the walk's next pass", async () => {
  await using slack = await startFakeSlack();
  const now = Math.floor(Date.now() / 1000);
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const shape = { total: 1_000, open: 200, due: 0, queues: 2, perDay: 100 };
  await seedHistory(slack, historyTickets(now, shape), shape, now, "indexed");
  // As the version before wrote them: entries without key or summary, a
  // pass done, the next one about to start.
  const { ticket_work } = await slack.datastores.dump();
  for (const item of ticket_work) {
    if (item.id === WALK_STATE_ID) {
      await slack.datastores.put("ticket_work", {
        ...item,
        walk_cursor: "",
        walk_passes: 1,
      });
      continue;
    }
    const { key: _key, summary: _summary, ...old } = item;
    await slack.datastores.put("ticket_work", old);
  }
  const passes = async () =>
    Number(
      (await slack.datastores.get("ticket_work", WALK_STATE_ID)).walk_passes,
    );
  let runs = 0;
  while ((await passes()) < 2 && runs < 30) {
    await runScheduledChecks(clientFor(slack), now, { channelIntervalMs: 0 });
    runs++;
  }
  assert.equal(await passes(), 2, `a pass done after ${runs} runs`);
  // The run after files the rewritten entries' figures, named.
  await runScheduledChecks(clientFor(slack), now, { channelIntervalMs: 0 });
  const dump = await slack.datastores.dump();
  const open = dump.ticket_work.filter((item) =>
    item.id !== WALK_STATE_ID && item.status !== "closed"
  );
  assert.ok(open.length >= 200, String(open.length));
  for (const item of open) {
    assert.equal(typeof item.key, "string", String(item.id));
    assert.ok(String(item.summary).length > 0, String(item.id));
  }
  const tickets = await reportTickets(clientFor(slack), now);
  const named = tickets.filter((t) => open.some((item) => item.id === t.id));
  assert.ok(named.length >= 200);
  for (const t of named) assert.ok(t.key && t.summary, t.id);
});
