// How `deno task test:suite` groups the test files into shards
// (dev/tools/run_suite.ts): each shard is one module that imports its files,
// so `deno test --parallel` loads the SDK, dynalite and the fakes once per
// shard rather than once per file. Loading them cost about 0.3 s of CPU in
// each of some 200 workers, a minute of the suite's CPU on a 2-core machine.

/** Where deno test looks for tests, as its default discovery does:
 * `*_test`, `*.test` and `test` modules, outside what is never the project's. */
const TEST_FILE = /(^|[/_.])test\.(ts|tsx|mts|js|mjs|jsx)$/;
const NOT_SEARCHED = new Set([
  ".git",
  "node_modules",
  ".local",
  "test-results",
  "dist",
]);

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

export function isSearched(directory: string): boolean {
  return !NOT_SEARCHED.has(directory);
}

/** Every test file under `root`, as paths relative to it, in a fixed order. */
export function findTestFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of Deno.readDirSync(`${root}/${relative}`)) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory && isSearched(entry.name)) walk(path);
      else if (entry.isFile && isTestFile(entry.name)) found.push(path);
    }
  };
  walk("");
  return found.sort();
}

/**
 * Splits the files into `count` shards of about equal time: longest first,
 * each to the shard with the least so far. A file with no recorded time
 * counts as the median one, so a new test file lands somewhere sensible
 * before its time is recorded. Every file is in exactly one shard, and a
 * shard keeps its files in path order.
 */
export function partition(
  files: string[],
  seconds: Record<string, number>,
  count: number,
): string[][] {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(
      `the number of shards must be a whole number ≥ 1, not ${count}`,
    );
  }
  const known = files.map((f) => seconds[f]).filter((s) => s !== undefined)
    .sort((a, b) => a - b);
  const median = known.length > 0 ? known[Math.floor(known.length / 2)] : 1;
  const weighed = files.map((file) => ({
    file,
    weight: Object.hasOwn(seconds, file) ? seconds[file] : median,
  })).sort((a, b) => b.weight - a.weight || a.file.localeCompare(b.file));
  const shards = Array.from({ length: count }, () => ({
    files: [] as string[],
    total: 0,
  }));
  for (const { file, weight } of weighed) {
    const lightest = shards.reduce((a, b) => b.total < a.total ? b : a);
    lightest.files.push(file);
    lightest.total += weight;
  }
  return shards.map((s) => s.files.sort()).filter((s) => s.length > 0);
}
