// The project's own code in each function's bundle, measured with the
// bundler Slack's build hook uses; `deno task bundle:sizes`
// (write_bundle_sizes.ts) writes it into docs/benchmarks.md between the
// bundle markers.
//
// `slack deploy` runs deno-slack-hooks' build, which bundles each function's
// source_file with esbuild into one file. `deno bundle` is esbuild too:
// with the SDK and the API client left external, what remains is exactly
// the code this repository puts in the bundle (the SDK adds about 132 KB to
// every function, whatever it imports). A function pays for its bundle at
// each cold start, so each has a budget (bundle_budgets.ts), which
// dev/tests/bundle_budgets_test.ts holds it to.
import { helpdeskManifest } from "../../manifest.ts";

export const BUNDLES_START = "<!-- bundles:start (deno task bundle:sizes) -->";
export const BUNDLES_END = "<!-- bundles:end -->";

const ROOT = new URL("../../", import.meta.url);

/** Every integration on, so that the manifest names every function. */
const EVERYTHING = {
  jsm: { mode: "api_token", site: "example.atlassian.net" },
  jiraCloud: { domain: "example", project: "HD", issueType: "Task" },
  sheets: { spreadsheetId: "sheet", sheetTitle: "Tickets" },
  files: true,
} as const;

/** Each function in the manifest and the file Slack bundles for it. */
export function manifestFunctions(): { name: string; file: string }[] {
  const manifest = helpdeskManifest(EVERYTHING);
  const functions = (manifest as unknown as {
    functions?: Record<string, { source_file: string }>;
  }).functions ?? {};
  return Object.entries(functions)
    .map(([name, fn]) => ({ name, file: fn.source_file }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The own-code bundle of one source file, as esbuild writes it. */
export async function ownCodeBundle(file: string): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command("deno", {
    args: [
      "bundle",
      "--platform",
      "deno",
      "--external",
      "deno-slack-sdk/*",
      "--external",
      "deno-slack-api/*",
      "--config",
      "deno.npm.jsonc",
      file,
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!success) {
    throw new Error(
      `deno bundle ${file} failed: ${new TextDecoder().decode(stderr)}`,
    );
  }
  return new TextDecoder().decode(stdout);
}

/**
 * Bytes per source module: esbuild heads each module's code with a comment
 * naming its path.
 */
export function moduleSizes(bundle: string): Map<string, number> {
  const sizes = new Map<string, number>();
  let current = "(bundle)";
  for (const line of bundle.split("\n")) {
    const head = /^\/\/ (\S+\.(?:ts|js|mjs|json))$/.exec(line);
    if (head) current = head[1];
    sizes.set(current, (sizes.get(current) ?? 0) + line.length + 1);
  }
  return sizes;
}

/**
 * Where own code lives, as the layers go: what a function's size is made
 * of. The service levels (business hours, holidays, time zones, the policy
 * and its clocks) are counted apart from the other rules, as every change
 * to a ticket recomputes them.
 */
export const PLACES = [
  "service levels",
  "other rules",
  "slack/storage",
  "slack/blocks",
  "slack/workspace, api",
  "use_cases",
  "integrations",
  "the function and the rest",
] as const;

export type Place = typeof PLACES[number];

export function placeOf(path: string): Place {
  if (
    path.startsWith("helpdesk/service_levels/") ||
    /^helpdesk\/tickets\/service_level[^/]*\.ts$/.test(path)
  ) return "service levels";
  if (path.startsWith("helpdesk/")) return "other rules";
  if (path.startsWith("slack/storage/")) return "slack/storage";
  if (path.startsWith("slack/blocks/")) return "slack/blocks";
  if (path.startsWith("slack/")) return "slack/workspace, api";
  if (path.startsWith("use_cases/")) return "use_cases";
  if (path.startsWith("integrations/")) return "integrations";
  return "the function and the rest";
}

/** A bundle's bytes by place (moduleSizes' figures, summed). */
export function bytesByPlace(
  sizes: ReadonlyMap<string, number>,
): Record<Place, number> {
  const by = Object.fromEntries(PLACES.map((p) => [p, 0])) as Record<
    Place,
    number
  >;
  for (const [path, bytes] of sizes) by[placeOf(path)] += bytes;
  return by;
}

export interface FunctionBundle {
  name: string;
  file: string;
  bytes: number;
  /** The largest modules in it, biggest first. */
  largest: { path: string; bytes: number }[];
  byPlace: Record<Place, number>;
  /** Every module in it. */
  modules: Set<string>;
}

export async function measureBundles(): Promise<FunctionBundle[]> {
  const measured: FunctionBundle[] = [];
  for (const { name, file } of manifestFunctions()) {
    const bundle = await ownCodeBundle(file);
    const sizes = moduleSizes(bundle);
    const largest = [...sizes]
      .map(([path, bytes]) => ({ path, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3);
    measured.push({
      name,
      file,
      bytes: new TextEncoder().encode(bundle).length,
      largest,
      byPlace: bytesByPlace(sizes),
      modules: new Set(sizes.keys()),
    });
  }
  return measured;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function bundlesMarkdown(
  bundles: readonly FunctionBundle[],
  budgets: Readonly<Record<string, number>>,
  context: { at: Date; commit: string },
): string {
  const when = context.at.toISOString().slice(0, 16).replace("T", " ");
  const rows = bundles.map((b) =>
    `| \`${b.name}\` | ${kb(b.bytes)} | ${
      budgets[b.name] ? kb(budgets[b.name]) : "none"
    } | ${b.largest.map((m) => `\`${m.path}\` ${kb(m.bytes)}`).join(", ")} |`
  );
  return [
    `Measured ${when} UTC at commit \`${context.commit}\` with ` +
    "`deno task bundle:sizes` (esbuild through `deno bundle`, the SDK and " +
    "API client left out).",
    [
      "| Function | Own code | Budget | Largest modules |",
      "| --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
    "The same own code by where it lives, in KB:",
    [
      `| Function | ${PLACES.join(" | ")} |`,
      `| --- | ${PLACES.map(() => "---").join(" | ")} |`,
      ...bundles.map((b) =>
        `| \`${b.name}\` | ${
          PLACES.map((p) => (b.byPlace[p] / 1024).toFixed(1)).join(" | ")
        } |`
      ),
    ].join("\n"),
  ].join("\n\n");
}

export function withBundlesSection(page: string, markdown: string): string {
  const start = page.indexOf(BUNDLES_START);
  const end = page.indexOf(BUNDLES_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `docs/benchmarks.md has no ${BUNDLES_START} … ${BUNDLES_END} markers`,
    );
  }
  return page.slice(0, start + BUNDLES_START.length) + "\n\n" + markdown +
    "\n\n" + page.slice(end);
}
