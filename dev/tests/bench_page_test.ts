// docs/benchmarks.md's figures are written by dev/tools/bench_page.ts from
// what `deno task bench` prints; the hand-written text around them stays.
import assert from "node:assert/strict";
import {
  BENCH_END,
  BENCH_START,
  benchMarkdown,
  parseBenchOutput,
  withBenchSection,
} from "../tools/bench_page.ts";

const ROOT = "file:///repo/";

// Shaped like Deno 2.9's `deno bench` output, colours included.
const OUTPUT = [
  "\x1b[0m\x1b[32mCheck\x1b[0m functions/a/handler_bench.ts",
  "a at 50 ms per call: 12 Slack API calls, 301 ms",
  "    CPU | Some CPU",
  "Runtime | Deno 2.9.6 (x86_64-unknown-linux-gnu)",
  "",
  "file:///repo/functions/a/handler_bench.ts",
  "",
  "| benchmark | time/iter (avg) |",
  "| --------- | --------------- |",
  "| a         |        285.6 ms |",
  "b: 7 calls, 377 ms",
  "  the next run, nothing due: 7 calls",
  "",
  "file:///repo/use_cases/b_bench.ts",
  "| benchmark | time/iter (avg) |",
  "| --------- | --------------- |",
  "| b         |          4.9 s  |",
].join("\n");

const CONTEXT = {
  at: new Date("2026-12-06T16:20:00Z"),
  commit: "abc1234",
  cores: 2,
  loadAverage: 3.14,
};

Deno.test("bench output is split by file, printed lines with their file", () => {
  const run = parseBenchOutput(OUTPUT, ROOT);
  assert.equal(run.cpu, "Some CPU");
  assert.equal(run.runtime, "Deno 2.9.6 (x86_64-unknown-linux-gnu)");
  assert.deepEqual(run.files.map((f) => f.file), [
    "functions/a/handler_bench.ts",
    "use_cases/b_bench.ts",
  ]);
  assert.deepEqual(run.files[0].printed, [
    "a at 50 ms per call: 12 Slack API calls, 301 ms",
  ]);
  assert.deepEqual(run.files[1].printed, [
    "b: 7 calls, 377 ms",
    "  the next run, nothing due: 7 calls",
  ]);
  assert.equal(run.files[1].table.length, 3);
});

Deno.test("output with no results, or lines after the last file, is refused", () => {
  assert.throws(
    () => parseBenchOutput("Check x_bench.ts\n", ROOT),
    /no bench results/,
  );
  assert.throws(
    () => parseBenchOutput(OUTPUT + "\nstray line\n", ROOT),
    /stray line/,
  );
});

Deno.test("the figures say when, where and on what they were measured", () => {
  const markdown = benchMarkdown(parseBenchOutput(OUTPUT, ROOT), CONTEXT);
  assert.match(markdown, /^Measured 2026-12-06 16:20 UTC at commit `abc1234`/);
  assert.match(markdown, /Some CPU \(2 cores, load average 3\.1 /);
  assert.match(markdown, /### `use_cases\/b_bench.ts`/);
  assert.match(markdown, /```text\nb: 7 calls, 377 ms\n/);
  assert.match(markdown, /\| b {9}\| {10}4\.9 s {2}\|/);
});

Deno.test("only the text between the markers is replaced", () => {
  const page =
    `# Benchmarks\n\nBy hand.\n\n${BENCH_START}\n\nold figures\n\n${BENCH_END}\n\nAlso by hand.\n`;
  const updated = withBenchSection(page, "new figures");
  assert.equal(
    updated,
    `# Benchmarks\n\nBy hand.\n\n${BENCH_START}\n\nnew figures\n\n${BENCH_END}\n\nAlso by hand.\n`,
  );
  assert.throws(() => withBenchSection("# No markers\n", "x"), /no .* markers/);
});

Deno.test("docs/benchmarks.md has the markers, with figures between them", async () => {
  const page = await Deno.readTextFile(
    new URL("../../docs/benchmarks.md", import.meta.url),
  );
  const start = page.indexOf(BENCH_START);
  const end = page.indexOf(BENCH_END);
  assert.ok(start !== -1 && end > start, "the bench markers, in order");
  assert.match(page.slice(start, end), /Measured \d{4}-\d\d-\d\d/);
});
