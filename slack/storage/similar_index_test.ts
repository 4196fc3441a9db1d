import assert from "node:assert/strict";
import { clientFor, startFakeSlack } from "../../dev/testing/harness.ts";
import { addSolved, MAX_QUERY_TERMS, searchSimilar } from "./similar_index.ts";

const SOLVED = [
  { id: "T1", text: "VPN disconnects every hour when working from home" },
  { id: "T2", text: "Printer on the 3rd floor jams on every second page" },
  { id: "T3", text: "Cannot connect to the VPN from the hotel wifi" },
];

Deno.test("the similar-tickets index in the lookup datastore", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);

  await t.step(
    "solved tickets are found by their words, per queue",
    async () => {
      await addSolved(client, "it", SOLVED);
      await addSolved(client, "people", [
        { id: "P1", text: "VPN access for a new starter" },
      ]);
      const found = await searchSimilar(
        client,
        "it",
        "my vpn drops at home",
        5,
      );
      assert.deepEqual(found.map((r) => r.id), ["T1", "T3"]);
      assert.deepEqual(
        (await searchSimilar(client, "people", "vpn", 5)).map((r) => r.id),
        ["P1"],
      );
      assert.deepEqual(await searchSimilar(client, "it", "the of and", 5), []);
    },
  );

  await t.step(
    "a search reads only its terms' rows, however big the index",
    async () => {
      const reads = () =>
        slack.callsTo("apps.datastore.bulkGet").length +
        slack.callsTo("apps.datastore.query").length;
      let before = reads();
      await searchSimilar(client, "it", "printer jams on page two", 5);
      const small = reads() - before;
      // Many more solved tickets, in batches as the scheduled run adds them.
      for (let batch = 0; batch < 10; batch++) {
        await addSolved(
          client,
          "it",
          Array.from({ length: 50 }, (_, i) => ({
            id: `B${batch}-${i}`,
            text: `Laptop ${i} screen flickers after update ${batch}`,
          })),
        );
      }
      before = reads();
      const found = await searchSimilar(
        client,
        "it",
        "printer jams on page two",
        5,
      );
      assert.equal(reads() - before, small);
      assert.equal(found[0].id, "T2");
      assert.equal(slack.callsTo("apps.datastore.query").length, 0);
    },
  );

  await t.step("a long question reads a bounded number of rows", async () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    slack.clearCalls();
    await searchSimilar(client, "it", words, 5);
    const ids = slack.callsTo("apps.datastore.bulkGet")
      .flatMap((c) => c.args.ids as string[]);
    assert.equal(ids.length, MAX_QUERY_TERMS + 1);
  });
});
