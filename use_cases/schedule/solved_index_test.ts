import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { runScheduledChecks } from "./scheduled_run.ts";
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
