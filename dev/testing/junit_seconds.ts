// Reads how long each module's tests took from deno test's JUnit report,
// for dev/tools/record_test_seconds.ts.

const SUITE = /<testsuite name="([^"]*)"[^>]*>([\s\S]*?)<\/testsuite>/g;
const CASE = /<testcase name="([^"]*)"[^>]*\btime="([0-9.]+)"/g;

/** Seconds per module the report names, counting each test once: a step is
 * reported as a case of its own ("test > step"), inside its test's time. */
export function parseJunitSeconds(xml: string): Map<string, number> {
  const cases = [...xml.matchAll(SUITE)].flatMap(([, suite, body]) =>
    [...body.matchAll(CASE)].map(([, name, time]) => ({
      module: suite.replace(/^\.\//, ""),
      name,
      time: Number(time),
    }))
  );
  // A step may be reported under the module that called t.step, a shared
  // scenario module, while its test is under the test file.
  const names = new Set(cases.map((c) => c.name));
  const isStep = (name: string) =>
    [...name.matchAll(/ &gt; /g)].some((m) =>
      names.has(name.slice(0, m.index))
    );
  const seconds = new Map<string, number>();
  for (const { module, name, time } of cases) {
    if (!isStep(name)) seconds.set(module, (seconds.get(module) ?? 0) + time);
  }
  return seconds;
}

/**
 * Seconds per test file. A module that is not a test file is a shared
 * scenario module whose tests the test files importing it registered: its
 * time is split equally between those files.
 */
export function fileSeconds(
  byModule: Map<string, number>,
  testFiles: string[],
  sourceOf: (file: string) => string,
): Record<string, number> {
  const seconds: Record<string, number> = {};
  const add = (file: string, s: number) =>
    seconds[file] = (seconds[file] ?? 0) + s;
  for (const [module, s] of byModule) {
    if (testFiles.includes(module)) {
      add(module, s);
      continue;
    }
    const name = module.split("/").pop()!;
    const importers = testFiles.filter((f) =>
      sourceOf(f).includes(`/${name}"`)
    );
    for (const file of importers) add(file, s / importers.length);
  }
  return Object.fromEntries(
    Object.entries(seconds).sort(([a], [b]) => a.localeCompare(b))
      .map(([file, s]) => [file, Math.round(s * 10) / 10]),
  );
}
