import assert from "node:assert/strict";
import { planShards, type Shard } from "./channel_triggers.ts";

const channels = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

/** Every channel of `wanted` exactly once across the plan, none else. */
function assertCovers(plan: ReturnType<typeof planShards>, wanted: string[]) {
  const placed = [
    ...plan.keep.flatMap((s) => s.channels),
    ...plan.create.flat(),
  ];
  assert.deepEqual([...placed].sort(), [...new Set(wanted)].sort());
  for (const shard of [...plan.keep.map((s) => s.channels), ...plan.create]) {
    assert.ok(shard.length >= 1 && shard.length <= 20, `${shard.length}`);
  }
}

Deno.test("planShards spreads channels 20 to a trigger", async (t) => {
  await t.step("50 channels and no trigger: three new ones", () => {
    const wanted = channels("C", 50);
    const plan = planShards([], wanted);
    assert.deepEqual(plan.create.map((s) => s.length), [20, 20, 10]);
    assert.deepEqual(plan.keep, []);
    assert.deepEqual(plan.remove, []);
    assertCovers(plan, wanted);
  });

  await t.step("a new channel joins the shard with room; none moves", () => {
    const existing: Shard[] = [
      { id: "Ft1", channels: channels("A", 20) },
      { id: "Ft2", channels: channels("B", 7) },
    ];
    const wanted = [...channels("A", 20), ...channels("B", 7), "CNEW"];
    const plan = planShards(existing, wanted);
    assert.deepEqual(plan.keep[0], existing[0]);
    assert.deepEqual(plan.keep[1].channels, [...channels("B", 7), "CNEW"]);
    assert.deepEqual(plan.create, []);
    assertCovers(plan, wanted);
  });

  await t.step("a shard left with nothing is removed, others keep", () => {
    const existing: Shard[] = [
      { id: "Ft1", channels: channels("A", 20) },
      { id: "Ft2", channels: channels("B", 5) },
    ];
    const plan = planShards(existing, channels("A", 20));
    assert.deepEqual(plan.keep, [existing[0]]);
    assert.deepEqual(plan.remove, ["Ft2"]);
  });

  await t.step("an emptied shard is reused before a new one is made", () => {
    const existing: Shard[] = [
      { id: "Ft1", channels: channels("A", 20) },
      { id: "Ft2", channels: ["GONE"] },
    ];
    const wanted = [...channels("A", 20), "CNEW"];
    const plan = planShards(existing, wanted);
    assert.deepEqual(plan.keep.map((s) => s.id), ["Ft1", "Ft2"]);
    assert.deepEqual(plan.keep[1].channels, ["CNEW"]);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.remove, []);
  });

  await t.step("a channel watched twice stays with the first shard", () => {
    const existing: Shard[] = [
      { id: "Ft2", channels: ["C1", "C2"] },
      { id: "Ft1", channels: ["C1"] },
    ];
    const plan = planShards(existing, ["C1", "C2"]);
    assert.deepEqual(plan.keep, [
      { id: "Ft1", channels: ["C1"] },
      { id: "Ft2", channels: ["C2"] },
    ]);
    assertCovers(plan, ["C1", "C2"]);
  });

  await t.step("an over-full trigger is cut to 20, the rest placed", () => {
    const existing: Shard[] = [{ id: "Ft1", channels: channels("A", 25) }];
    const plan = planShards(existing, channels("A", 25));
    assert.equal(plan.keep[0].channels.length, 20);
    assert.deepEqual(plan.create, [channels("A", 25).slice(20)]);
    assertCovers(plan, channels("A", 25));
  });

  await t.step("no channels: every shard goes", () => {
    const plan = planShards([{ id: "Ft1", channels: ["C1"] }], []);
    assert.deepEqual(plan, { keep: [], create: [], remove: ["Ft1"] });
  });

  await t.step(
    "random churn: always covered, no channel moves, shards bounded",
    () => {
      let seed = 7;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      let existing: Shard[] = [];
      let nextId = 1;
      for (let round = 0; round < 300; round++) {
        const wanted = channels("C", 120).filter(() => random() < 0.4);
        const plan = planShards(existing, wanted);
        assertCovers(plan, wanted);
        const moved = plan.keep.flatMap((shard) => {
          const before = existing.find((e) => e.id === shard.id)!;
          return before.channels.filter((c) =>
            wanted.includes(c) && !shard.channels.includes(c)
          );
        });
        assert.deepEqual(moved, [], "a kept channel never changes shard");
        existing = [
          ...plan.keep,
          ...plan.create.map((c) => ({ id: `Ft${nextId++}`, channels: c })),
        ];
        // New shards are made only when all are full: never more than 120 need.
        assert.ok(existing.length <= Math.ceil(120 / 20), `${existing.length}`);
      }
    },
  );
});
