// `deno task test:record`: runs the suite in its shards with deno test's
// JUnit report and writes how long each test file's tests took into
// dev/tools/test_file_seconds.json, which dev/tools/run_suite.ts balances the
// shards by. Worth running again when files are added or a file's time
// changes much; a file with no time counts as the median one meanwhile.
//
// A test registered in a shared scenario module (dev/testing/card_race_tests.ts
// and the like) is reported under that module's name, not the test file that
// called it: its time is shared equally by the test files that import it.
import { findTestFiles } from "../testing/suite_shards.ts";
import { fileSeconds, parseJunitSeconds } from "../testing/junit_seconds.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const REPORT = `${ROOT}/.local/test-seconds.xml`;
const OUT = `${ROOT}/dev/tools/test_file_seconds.json`;

// The suite as `deno task test:suite` runs it (its flags live in
// deno.jsonc), with JUnit's report as well.
const { code } = await new Deno.Command("deno", {
  args: [
    "task",
    "test:suite",
    "--reporter=dot",
    `--junit-path=${REPORT}`,
  ],
  cwd: ROOT,
  stdout: "inherit",
  stderr: "inherit",
}).output();
if (code !== 0) {
  console.error("The suite failed: no times recorded.");
  Deno.exit(code);
}

const files = findTestFiles(ROOT);
const importsOf = (file: string) => Deno.readTextFileSync(`${ROOT}/${file}`);
const seconds = fileSeconds(
  parseJunitSeconds(Deno.readTextFileSync(REPORT)),
  files,
  importsOf,
);
Deno.writeTextFileSync(OUT, JSON.stringify(seconds, null, 2) + "\n");
console.log(`Wrote the times of ${Object.keys(seconds).length} test files.`);
