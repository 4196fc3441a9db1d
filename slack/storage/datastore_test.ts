import assert from "node:assert/strict";
import TicketLookupDatastore from "../../datastores/ticket_lookup.ts";
import QueuesDatastore from "../../datastores/queues.ts";
import { clientFor, startFakeSlack } from "../../dev/testing/harness.ts";
import { SlackCallError } from "../api/slack_call.ts";
import {
  allItems,
  bulkDeleteItems,
  bulkGetItems,
  bulkPutItems,
  deleteItem,
  getItem,
  putItem,
  queryPage,
  type StoredItem,
  updateItem,
} from "./datastore.ts";

Deno.test("stored items are typed from the datastore definitions", () => {
  // These are checked by `deno check`: each line must fail to compile.
  const queue: StoredItem<typeof QueuesDatastore> = {
    id: "it",
    // @ts-expect-error a misspelled attribute
    trige_channel: "C1",
  };
  const lookup: StoredItem<typeof TicketLookupDatastore> = {
    lookup: "key:HD-1",
    // @ts-expect-error a number where the definition says string
    ticket_id: 7,
  };
  // @ts-expect-error the primary key is required
  const keyless: StoredItem<typeof QueuesDatastore> = { name: "IT" };
  const arrays: StoredItem<typeof QueuesDatastore> = {
    id: "it",
    // @ts-expect-error arrays hold their items' type
    intake_channels: [1],
  };
  assert.ok(queue && lookup && keyless && arrays);
});

Deno.test("the typed calls read and write through the fake Slack", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  await t.step(
    "a missing item is undefined, not an empty object",
    async () => {
      assert.equal(await getItem(client, QueuesDatastore, "nope"), undefined);
    },
  );
  await t.step("put, update (merging) and get", async () => {
    await putItem(client, QueuesDatastore, {
      id: "it",
      name: "IT",
      triage_channel: "CIT",
      members: ["U1"],
    });
    const updated = await updateItem(client, QueuesDatastore, {
      id: "it",
      name: "IT desk",
    });
    assert.deepEqual(updated, {
      id: "it",
      name: "IT desk",
      triage_channel: "CIT",
      members: ["U1"],
    });
    assert.deepEqual(await getItem(client, QueuesDatastore, "it"), updated);
  });
  await t.step("bulkPut, listing every page, delete", async () => {
    const failed = await bulkPutItems(client, TicketLookupDatastore, [
      { lookup: "key:HD-1", ticket_id: "t1" },
      { lookup: "key:HD-2", ticket_id: "t2" },
    ]);
    assert.deepEqual(failed, []);
    const all = await allItems(client, TicketLookupDatastore);
    assert.deepEqual(all.map((i) => i.lookup).sort(), [
      "key:HD-1",
      "key:HD-2",
    ]);
    await deleteItem(client, TicketLookupDatastore, "key:HD-1");
    assert.equal(
      await getItem(client, TicketLookupDatastore, "key:HD-1"),
      undefined,
    );
  });
});

Deno.test("Slack's limits hold in the fake, and partial failures are retried", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  const lookups = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({
      lookup: `key:HD-${from + i}`,
      ticket_id: `t${from + i}`,
    }));

  await t.step("a query evaluates at most 1,000 items", async () => {
    await assert.rejects(
      queryPage(client, TicketLookupDatastore, { limit: 1001 }),
      (e) => e instanceof SlackCallError && e.code === "invalid_arguments",
    );
  });

  await t.step(
    "bulk calls take at most 25 items; bigger lists are split",
    async () => {
      await assert.rejects(
        bulkPutItems(client, TicketLookupDatastore, lookups(26)),
        (e) => e instanceof SlackCallError && e.code === "invalid_arguments",
      );
      for (let i = 0; i < 60; i += 25) {
        await bulkPutItems(
          client,
          TicketLookupDatastore,
          lookups(Math.min(25, 60 - i), i),
        );
      }
      slack.clearCalls();
      const ids = lookups(60).map((l) => l.lookup);
      const found = await bulkGetItems(client, TicketLookupDatastore, [
        ...ids,
        "key:missing",
      ]);
      assert.equal(found.length, 60);
      assert.equal(slack.callsTo("apps.datastore.bulkGet").length, 3);
      assert.deepEqual(
        await bulkDeleteItems(client, TicketLookupDatastore, ids.slice(30)),
        [],
      );
      assert.equal((await allItems(client, TicketLookupDatastore)).length, 30);
    },
  );

  await t.step(
    "failed_items are sent again; what keeps failing is answered",
    async () => {
      const items = lookups(5, 100);
      slack.fail({
        method: "apps.datastore.bulkPut",
        failItems: (item) => (item as { lookup: string }).lookup.endsWith("1"),
        times: 2,
      });
      slack.clearCalls();
      assert.deepEqual(
        await bulkPutItems(client, TicketLookupDatastore, items),
        [],
      );
      // The first call saved four, the second failed the fifth again, the
      // third saved it.
      assert.deepEqual(
        slack.callsTo("apps.datastore.bulkPut").map((c) =>
          (c.args.items as unknown[]).length
        ),
        [5, 1, 1],
      );
      assert.equal(
        slack.callsTo("apps.datastore.bulkPut")[0].response.error,
        "partial_failure",
      );
      slack.fail({
        method: "apps.datastore.bulkPut",
        failItems: (item) =>
          (item as { lookup: string }).lookup === "key:HD-200",
        times: Infinity,
      });
      const failed = await bulkPutItems(
        client,
        TicketLookupDatastore,
        lookups(3, 200),
      );
      assert.deepEqual(failed.map((f) => f.lookup), ["key:HD-200"]);
      slack.clearFailures();
      assert.equal(
        await getItem(client, TicketLookupDatastore, "key:HD-200"),
        undefined,
      );
      assert.ok(await getItem(client, TicketLookupDatastore, "key:HD-201"));

      slack.fail({
        method: "apps.datastore.bulkGet",
        failItems: (id) => id === "key:HD-101",
      });
      const read = await bulkGetItems(client, TicketLookupDatastore, [
        "key:HD-100",
        "key:HD-101",
      ]);
      assert.deepEqual(read.map((r) => r.lookup).sort(), [
        "key:HD-100",
        "key:HD-101",
      ]);
    },
  );
});
