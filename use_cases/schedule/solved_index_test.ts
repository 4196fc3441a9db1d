import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { runScheduledChecks } from "./scheduled_run.ts";
import { indexSolvedTickets } from "./solved_index.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";
import { searchSimilar } from "../../slack/storage/similar_index.ts";
import { readWorkTable } from "../../slack/storage/work_store.ts";

Deno.test("solved tickets join the similar-tickets index in the scheduled run", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const now = Math.floor(Date.now() / 1000);
  const solved = await openTestTicket(slack, {
    status: "resolved",
    resolved_at: now - 60,
  });
  const withdrawn = await openTestTicket(slack, {
    summary: "Printer jams again",
    status: "closed",
    resolved_at: now - 60,
    closed_at: now - 30,
    close_reason: "withdrawn",
  });
  const open = await openTestTicket(slack, { summary: "Printer jams too" });
  assert.deepEqual(
    await searchSimilar(client, "default", "printer jams", 5),
    [],
  );

  await runScheduledChecks(client, now);
  const found = await searchSimilar(client, "default", "printer jams", 5);
  assert.deepEqual(found.map((r) => r.id), [solved.id]);
  const { entries } = await readWorkTable(client);
  assert.equal(entries.get(solved.id)?.similar_indexed, true);
  assert.equal(entries.get(withdrawn.id)?.similar_indexed, true);
  assert.equal(entries.get(open.id)?.similar_indexed, undefined);

  // Added once: a second run finds nothing left to add.
  slack.clearCalls();
  await runScheduledChecks(client, now + 60);
  assert.equal(
    slack.callsTo("apps.datastore.bulkPut").filter((c) =>
      c.args.datastore === "ticket_lookup"
    ).length,
    0,
  );
});

Deno.test("a solved ticket settles only once it has joined the index", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const now = Math.floor(Date.now() / 1000);
  // Closed long ago, so nothing else keeps their entries: more than a run
  // indexes, as after an upgrade on a busy desk.
  const old = now - 40 * 86_400;
  const closed = [];
  for (let i = 0; i < 13; i++) {
    closed.push(
      await openTestTicket(slack, {
        summary: `Scanner ${i} needs toner`,
        status: "closed",
        resolved_at: old,
        closed_at: old + 60,
        updated_at: old + 60,
        sla_next_check_at: undefined,
      }),
    );
  }
  for (let run = 0; run < 3; run++) {
    await runScheduledChecks(client, now + run * 300);
  }
  const found = await searchSimilar(client, "default", "scanner toner", 20);
  assert.deepEqual(
    found.map((r) => r.id).sort(),
    closed.map((t) => t.id).sort(),
    "every solved ticket joined the index before its entry went",
  );
  const { entries } = await readWorkTable(client);
  assert.deepEqual(
    closed.filter((t) => entries.has(t.id)).map((t) => t.id),
    [],
    "and then the entries went, none written back",
  );
});

Deno.test("a run adds only as many solved tickets as it can mark", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < 6; i++) {
    await openTestTicket(slack, {
      summary: `Badge ${i} stopped working`,
      status: "resolved",
      resolved_at: now - 60,
    });
  }
  // A run whose share leaves 3 entry updates once 57 are spent elsewhere.
  const budget = new CallBudget({ deadline: Date.now() + 60_000, share: 0.6 });
  const budgeted = budget.wrap(client);
  const spend = budget.limit("apps.datastore.update") - 3;
  for (let i = 0; i < spend; i++) {
    await budgeted.apiCall("apps.datastore.update", {
      datastore: "settings",
      item: { id: `scratch-${i}` },
    });
  }
  const { entries } = await readWorkTable(client);
  const looked = await indexSolvedTickets(
    budgeted,
    entries.values(),
    budget,
  );
  assert.equal(looked, 3);
  const after = await readWorkTable(client);
  const marked = [...after.entries.values()].filter((e) => e.similar_indexed);
  assert.equal(marked.length, 3, "every ticket added was marked");
  const found = await searchSimilar(client, "default", "badge working", 10);
  assert.equal(found.length, 3);
});
