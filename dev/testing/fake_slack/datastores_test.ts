import assert from "node:assert/strict";
import { DatastoreError, FakeDatastores } from "./datastores.ts";

const SCHEMA = [{
  name: "things",
  primary_key: "id",
  attributes: { id: {}, n: {}, tag: {} },
}];

Deno.test("fake datastores behave like Slack's DynamoDB tables", async (t) => {
  const stores = await FakeDatastores.start(SCHEMA);
  try {
    await t.step("put, get, update (merging), delete", async () => {
      await stores.put("things", { id: "a", n: 1, tag: "x" });
      assert.deepEqual(await stores.get("things", "a"), {
        id: "a",
        n: 1,
        tag: "x",
      });
      assert.deepEqual(await stores.update("things", { id: "a", n: 2 }), {
        id: "a",
        n: 2,
        tag: "x",
      });
      await stores.delete("things", "a");
      assert.deepEqual(await stores.get("things", "a"), {});
    });

    await t.step(
      "items that don't fit the definition are refused",
      async () => {
        await assert.rejects(
          stores.put("things", { id: "b", colour: "red" }),
          (e) =>
            e instanceof DatastoreError &&
            /no attribute colour/.test(e.message),
        );
        await assert.rejects(
          stores.get("nothing", "b"),
          (e) => e instanceof DatastoreError && e.code === "invalid_datastore",
        );
      },
    );

    await t.step(
      "limit counts items evaluated: pages can be empty with a cursor",
      async () => {
        for (let i = 0; i < 23; i++) {
          await stores.put("things", {
            id: `t${String(i).padStart(2, "0")}`,
            n: i,
            tag: i % 10 === 0 ? "hit" : "miss",
          });
        }
        const found: string[] = [];
        let cursor: string | undefined;
        let emptyPagesWithCursor = 0;
        let pages = 0;
        do {
          const page = await stores.query("things", {
            expression: "#tag = :tag",
            expression_attributes: { "#tag": "tag" },
            expression_values: { ":tag": "hit" },
            limit: 2,
            cursor,
          });
          pages++;
          found.push(...page.items.map((i) => String(i.id)));
          if (page.items.length === 0 && page.next_cursor) {
            emptyPagesWithCursor++;
          }
          cursor = page.next_cursor;
        } while (cursor);
        assert.deepEqual(found.sort(), ["t00", "t10", "t20"]);
        assert.ok(pages >= 12, `${pages} pages`);
        // 3 hits among 23 items in pages of 2: most pages match nothing.
        assert.ok(
          emptyPagesWithCursor >= 5,
          `${emptyPagesWithCursor} empty pages`,
        );
      },
    );

    await t.step("count, and expression errors", async () => {
      assert.equal(await stores.count("things", {}), 23);
      assert.equal(
        await stores.count("things", {
          expression: "n > :v",
          expression_values: { ":v": 19 },
        }),
        3,
      );
      await assert.rejects(
        stores.query("things", { expression: "n >>> 1" }),
        (e) => e instanceof DatastoreError && e.code === "datastore_error",
      );
      await assert.rejects(
        stores.query("things", { cursor: "not-a-cursor" }),
        (e) => e instanceof DatastoreError && e.code === "invalid_cursor",
      );
    });
  } finally {
    await stores.close();
  }
});
