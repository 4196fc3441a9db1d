// The suite's shards (dev/tools/run_suite.ts) run every test file exactly
// once, in groups of about equal time.
import assert from "node:assert/strict";
import {
  findTestFiles,
  isTestFile,
  partition,
} from "../testing/suite_shards.ts";
import { fileSeconds, parseJunitSeconds } from "../testing/junit_seconds.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

Deno.test("the shards find the files deno test would", async (t) => {
  await t.step("deno test's names for a test module", () => {
    for (const name of ["a_test.ts", "a.test.ts", "test.ts", "a_test.mjs"]) {
      assert.ok(isTestFile(name), name);
    }
    for (
      const name of ["card_race_tests.ts", "latest.ts", "a_test.json", "x.ts"]
    ) {
      assert.ok(!isTestFile(name), name);
    }
  });

  await t.step(
    "this file is found, nothing under node_modules or .local",
    () => {
      const files = findTestFiles(ROOT);
      assert.ok(files.includes("dev/tests/suite_shards_test.ts"));
      assert.ok(files.includes("functions/update_ticket/handler_test.ts"));
      assert.deepEqual(
        files.filter((f) =>
          /^(node_modules|\.local|dist|test-results)\//.test(f)
        ),
        [],
      );
      assert.deepEqual(files, [...files].sort());
    },
  );
});

Deno.test("partition: each file in one shard, the shards about equal", async (t) => {
  const seconds: Record<string, number> = {
    "a_test.ts": 60,
    "b_test.ts": 50,
    "c_test.ts": 40,
    "d_test.ts": 30,
    "e_test.ts": 20,
  };
  const files = [...Object.keys(seconds), "new_test.ts"];

  await t.step("every file exactly once, in path order within a shard", () => {
    const shards = partition(files, seconds, 3);
    assert.deepEqual(shards.flat().sort(), [...files].sort());
    for (const shard of shards) assert.deepEqual(shard, [...shard].sort());
  });

  await t.step("longest first to the lightest shard", () => {
    const totals = partition(files, seconds, 3).map((shard) =>
      shard.reduce((sum, f) => sum + (seconds[f] ?? 40), 0)
    );
    // 200 s + the new file's median 40 s over three shards: 80 each at best.
    assert.deepEqual(totals.sort((a, b) => a - b), [80, 80, 80]);
  });

  await t.step("more shards than files leaves no empty shard", () => {
    assert.deepEqual(partition(["x_test.ts"], {}, 4), [["x_test.ts"]]);
  });

  await t.step("a count that is not a whole number ≥ 1 is refused", () => {
    for (const count of [0, -1, 1.5, NaN]) {
      assert.throws(() => partition(files, seconds, count), /whole number/);
    }
  });
});

Deno.test("test times from a JUnit report count each test once", () => {
  const xml = `<testsuites>
    <testsuite name="./dev/tests/races_test.ts" tests="1">
        <testcase name="races" classname="./dev/tests/races_test.ts" time="9.000" line="1" col="1">
        </testcase>
    </testsuite>
    <testsuite name="./dev/testing/race_steps.ts" tests="2">
        <testcase name="races &gt; a vs b" classname="./dev/testing/race_steps.ts" time="5.000" line="1" col="1">
        </testcase>
        <testcase name="races &gt; c vs d" classname="./dev/testing/race_steps.ts" time="4.000" line="1" col="1">
        </testcase>
    </testsuite>
    <testsuite name="./dev/testing/shared_tests.ts" tests="1">
        <testcase name="shared" classname="./dev/testing/shared_tests.ts" time="6.000" line="1" col="1">
        </testcase>
    </testsuite>
  </testsuites>`;
  const byModule = parseJunitSeconds(xml);
  assert.equal(byModule.get("dev/tests/races_test.ts"), 9);
  // The steps are inside their test's 9 s, not counted again.
  assert.equal(byModule.get("dev/testing/race_steps.ts"), undefined);
  const sources: Record<string, string> = {
    "dev/tests/races_test.ts": `import "../testing/race_steps.ts";`,
    "dev/tests/one_test.ts": `import "../testing/shared_tests.ts";`,
    "dev/tests/two_test.ts": `import "../testing/shared_tests.ts";`,
  };
  assert.deepEqual(
    fileSeconds(byModule, Object.keys(sources), (f) => sources[f]),
    {
      "dev/tests/one_test.ts": 3,
      "dev/tests/races_test.ts": 9,
      "dev/tests/two_test.ts": 3,
    },
  );
});
