import assert from "node:assert/strict";
import TicketLookupDatastore from "../../datastores/ticket_lookup.ts";
import QueuesDatastore from "../../datastores/queues.ts";
import { clientFor, startFakeSlack } from "../../dev/testing/harness.ts";
import {
  allItems,
  bulkPutItems,
  deleteItem,
  getItem,
  putItem,
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
