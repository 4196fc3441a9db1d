// `deno task bundle:sizes`: measures every function's own code and the
// floors under it, and writes both into docs/benchmarks.md between the
// bundle markers.
import {
  bundlesMarkdown,
  kb,
  measureBundles,
  withBundlesSection,
} from "./bundle_sizes.ts";
import { BUNDLE_BUDGETS } from "./bundle_budgets.ts";
import { floorsMarkdown, measureFloors } from "./bundle_floors.ts";

const page = new URL("../../docs/benchmarks.md", import.meta.url);
const git = await new Deno.Command("git", {
  args: ["rev-parse", "--short", "HEAD"],
  stdout: "piped",
}).output();
const bundles = await measureBundles();
for (const b of bundles) console.log(`${b.name}: ${kb(b.bytes)}`);
const floors = await measureFloors();
const markdown = bundlesMarkdown(bundles, BUNDLE_BUDGETS, {
  at: new Date(),
  commit: new TextDecoder().decode(git.stdout).trim(),
}) + "\n\n" + floorsMarkdown(floors, bundles);
const updated = withBundlesSection(await Deno.readTextFile(page), markdown);
await Deno.writeTextFile(page, updated);
const fmt = await new Deno.Command("deno", {
  args: ["fmt", "docs/benchmarks.md"],
  cwd: new URL("../../", import.meta.url),
  stderr: "null",
}).output();
if (!fmt.success) throw new Error("deno fmt docs/benchmarks.md failed");
console.log(`docs/benchmarks.md: ${bundles.length} function bundles.`);
