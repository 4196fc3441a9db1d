// The cold start bench's line of import time against own-code size
// (dev/tools/import_cost.ts), on samples whose answer is known.
import assert from "node:assert/strict";
import { fitImportCost, median, savingsAtGoal } from "../tools/import_cost.ts";

const KB = 1024;
const sample = (name: string, kb: number, importMs: number) => ({
  name,
  bytes: kb * KB,
  importMs,
});

Deno.test("import cost", async (t) => {
  await t.step("points on a line give that line back", () => {
    // 20 ms, and 0.25 ms a kilobyte.
    const cost = fitImportCost([
      sample("a", 40, 30),
      sample("b", 80, 40),
      sample("c", 200, 70),
    ]);
    assert.ok(Math.abs(cost.baseMs - 20) < 1e-9, String(cost.baseMs));
    assert.ok(Math.abs(cost.msPerKb - 0.25) < 1e-9, String(cost.msPerKb));
    assert.ok(Math.abs(cost.r2 - 1) < 1e-9);
  });

  await t.step("scattered points: the least-squares line", () => {
    // x 0, 10, 20 and y 0, 10, 5: slope 0.25, intercept 2.5, r² 0.25.
    const cost = fitImportCost([
      sample("a", 0, 0),
      sample("b", 10, 10),
      sample("c", 20, 5),
    ]);
    assert.ok(Math.abs(cost.msPerKb - 0.25) < 1e-9);
    assert.ok(Math.abs(cost.baseMs - 2.5) < 1e-9);
    assert.ok(Math.abs(cost.r2 - 0.25) < 1e-9);
  });

  await t.step("one size can't be fitted", () => {
    assert.throws(
      () => fitImportCost([sample("a", 50, 30), sample("b", 50, 35)]),
      /at least two sizes/,
    );
  });

  await t.step("only functions above the goal save, most first", () => {
    const samples = [
      sample("small", 40, 30),
      sample("big", 160, 60),
      sample("bigger", 260, 90),
      sample("at_goal", 60, 33),
    ];
    const saved = savingsAtGoal(
      samples,
      { baseMs: 20, msPerKb: 0.25, r2: 1 },
      60 * KB,
    );
    assert.deepEqual(saved, [
      { name: "bigger", savedMs: 50 },
      { name: "big", savedMs: 25 },
    ]);
  });

  await t.step("median of odd and even counts", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), /no values/);
  });
});
