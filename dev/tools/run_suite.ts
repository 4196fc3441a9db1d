// `deno task test:suite`: every test file, run by `deno test --parallel` in
// shards (dev/testing/suite_shards.ts). Each shard is a module written into
// .local/suite/ that imports its test files, so a worker loads the SDK,
// dynalite and the fakes once for all of them; the files' tests then run
// one after another in that worker, and the shards side by side.
//
//   deno task test:suite                  every test file, in shards
//   deno task test:suite a_test.ts ...    those files, each on its own
//   deno task test:suite --filter name    deno test's own flags pass through
//
// Sixteen shards, eight at a time: most files spend their time waiting on
// purpose (a lock's grace, the fake's latency), so the two cores stay busy
// only with several waiting at once; and a shard that runs long leaves the
// others to the rest of the workers (docs/testing.md).
import { findTestFiles, partition } from "../testing/suite_shards.ts";
import RECORDED_SECONDS from "./test_file_seconds.json" with { type: "json" };

const SHARDS = Number(Deno.env.get("SUITE_SHARDS") ?? 16);
const JOBS = Number(Deno.env.get("DENO_JOBS") ?? 8);
const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const OUT = `${ROOT}/.local/suite`;

// The suite's permissions: the fakes listen on this machine only.
const TEST_FLAGS = [
  "test",
  "--parallel",
  "--no-check",
  "--preload",
  "dev/testing/native_fetch.ts",
  "--config",
  "deno.npm.jsonc",
  "--frozen",
  "--allow-read",
  "--allow-write=.local",
  "--allow-env",
  "--allow-net=127.0.0.1,localhost",
  "--allow-sys",
  "--allow-ffi",
  "--allow-run=deno",
];

function writeShards(): string[] {
  const shards = partition(findTestFiles(ROOT), RECORDED_SECONDS, SHARDS);
  Deno.mkdirSync(OUT, { recursive: true });
  return shards.map((files, i) => {
    const path = `${OUT}/shard_${String(i + 1).padStart(2, "0")}.ts`;
    const imports = files.map((f) => `import "../../${f}";`).join("\n");
    Deno.writeTextFileSync(
      path,
      `// Written by dev/tools/run_suite.ts for one run of the suite.\n${imports}\n`,
    );
    return path.slice(ROOT.length + 1);
  });
}

function clearOut() {
  try {
    Deno.removeSync(OUT, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

const named = Deno.args.filter((a) => /\.(ts|tsx|mts|js|mjs|jsx)$/.test(a));
const flags = Deno.args.filter((a) => !named.includes(a));
clearOut();
const modules = named.length > 0 ? named : writeShards();
try {
  const { code } = await new Deno.Command("deno", {
    args: [...TEST_FLAGS, ...flags, ...modules],
    cwd: ROOT,
    env: { DENO_JOBS: String(JOBS) },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  Deno.exitCode = code;
} finally {
  // Left behind, the shards would be checked by `deno check .` and would
  // name test files that may since have moved.
  clearOut();
}
