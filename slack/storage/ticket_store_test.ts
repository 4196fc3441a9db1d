import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import {
  putTicket,
  updateTicketFields,
  updateUncountedFields,
} from "./ticket_store.ts";
import { putTickets } from "./ticket_queries.ts";

const NOW = 1_800_000_000; // 2027-01-15 08:00 UTC
const D = 86_400;

Deno.test("every ticket write keeps its open work entry in step", async (t) => {
  // 100 ms a call: calls sent together overlap even on a loaded machine.
  await using slack = await startFakeSlack({ latencyMs: 100 });
  await configure(slack);
  const client = clientFor(slack);
  const entry = (id: string) => slack.datastores.get("ticket_work", id);
  const stored = (id: string) => slack.datastores.get("tickets", id);

  await t.step(
    "a put writes the ticket and its entry, with one revision, at once",
    async () => {
      const ticket = sampleTicket({ id: "T1", created_at: NOW - 2 * D });
      await putTicket(client, ticket);
      const [item, work] = [await stored("T1"), await entry("T1")];
      assert.equal(typeof item.rev, "string");
      assert.equal(work.rev, item.rev);
      assert.equal(work.status, "new");
      assert.deepEqual(item.report_days, ["2027-01-13"]);
      assert.equal(slack.sequentialRounds(), 1);
    },
  );

  await t.step(
    "a partial update changes the entry in the same round trip",
    async () => {
      slack.clearCalls();
      await updateTicketFields(client, "T1", {
        jsm_sync: "pending",
        jsm_retry_at: NOW,
      });
      assert.equal(slack.sequentialRounds(), 1);
      const work = await entry("T1");
      assert.equal(work.rev, (await stored("T1")).rev);
      assert.deepEqual([work.jsm_sync, work.jsm_retry_at, work.status], [
        "pending",
        NOW,
        "new",
      ]);
    },
  );

  await t.step(
    "an update of uncounted fields alone does the same, read back or not",
    async () => {
      slack.clearCalls();
      const before = (await stored("T1")).rev;
      await updateUncountedFields(client, "T1", {
        copied_files: ["F1"],
        jsm_sync: "synced",
      });
      assert.equal(slack.sequentialRounds(), 1);
      const [item, work] = [await stored("T1"), await entry("T1")];
      assert.ok(String(item.rev) > String(before), "a later revision");
      assert.equal(work.rev, item.rev);
      assert.deepEqual(item.copied_files, ["F1"]);
      assert.deepEqual([work.jsm_sync, work.status], ["synced", "new"]);
    },
  );

  await t.step(
    "a field moved to a new day is remembered among the ticket's report days",
    async () => {
      await updateTicketFields(client, "T1", { rating: 4, rated_at: NOW });
      assert.deepEqual((await storedTicket(slack, "T1")).report_days, [
        "2027-01-13",
        "2027-01-15",
      ]);
      // Reopening later never forgets a day it was filed under.
      const ticket = await storedTicket(slack, "T1");
      await putTicket(client, {
        ...ticket,
        rating: undefined,
        rated_at: undefined,
      });
      assert.deepEqual((await storedTicket(slack, "T1")).report_days, [
        "2027-01-13",
        "2027-01-15",
      ]);
    },
  );

  await t.step("bulk writes write their entries too", async () => {
    await putTickets(client, [
      sampleTicket({ id: "T2", created_at: NOW }),
      sampleTicket({ id: "T3", created_at: NOW, status: "closed" }),
    ]);
    for (const id of ["T2", "T3"]) {
      assert.equal((await entry(id)).rev, (await stored(id)).rev);
    }
  });

  await t.step(
    "an entry that can't be written doesn't undo the ticket's write",
    async () => {
      slack.fail({
        method: "apps.datastore.update",
        when: (args) => args.datastore === "ticket_work",
        error: "internal_error",
        times: 2,
      });
      await putTicket(client, sampleTicket({ id: "T4", created_at: NOW }));
      assert.equal((await stored("T4")).id, "T4", "saved");
      assert.deepEqual(await entry("T4"), {}, "the walk will put it back");
    },
  );
});
