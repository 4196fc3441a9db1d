// The floors under the function bundles: what a function must bundle to do
// its kind of work in one run, whatever else it does. Each is the bundle of
// one use case's entry (the same `deno bundle` as bundle_sizes.ts), so the
// figure is code that runs, not a guess. A function over the 60 KB goal
// that holds a floor over the goal whole can't get under it by leaving
// out what it never runs: only by doing its work in more than one run
// (workflow steps), which docs/benchmarks.md weighs. A function over the
// goal that holds no such floor has code to cut, and
// dev/tests/bundle_budgets_test.ts says so.
import {
  bytesByPlace,
  kb,
  moduleSizes,
  ownCodeBundle,
  type Place,
  PLACES,
} from "./bundle_sizes.ts";

export interface Floor {
  name: string;
  /** An entry in dev/tools/floors/ that re-exports the floor's use case. */
  entry: string;
}

export const FLOORS: readonly Floor[] = [
  {
    name: "a change under the ticket's lock",
    entry: "dev/tools/floors/change_under_lock.ts",
  },
  {
    name: "opening a ticket from the form or a step",
    entry: "dev/tools/floors/form_opening.ts",
  },
  {
    name: "opening a ticket from a :ticket: reaction",
    entry: "dev/tools/floors/reaction_opening.ts",
  },
  {
    name: "a ticket's sync to JSM",
    entry: "dev/tools/floors/jsm_sync.ts",
  },
];

export interface MeasuredFloor extends Floor {
  bytes: number;
  /** The floor's modules (its entry left out). */
  modules: Set<string>;
  byPlace: Record<Place, number>;
}

export async function measureFloors(): Promise<MeasuredFloor[]> {
  return await Promise.all(FLOORS.map(async (floor) => {
    const bundle = await ownCodeBundle(floor.entry);
    const sizes = moduleSizes(bundle);
    const modules = new Set(
      [...sizes.keys()].filter((path) =>
        path !== "(bundle)" && path !== floor.entry
      ),
    );
    return {
      ...floor,
      bytes: new TextEncoder().encode(bundle).length,
      modules,
      byPlace: bytesByPlace(sizes),
    };
  }));
}

/** The floors whose every module is in a function's bundle. */
export function floorsHeld(
  bundleModules: ReadonlySet<string> | ReadonlyMap<string, number>,
  floors: readonly MeasuredFloor[],
): MeasuredFloor[] {
  return floors.filter((floor) =>
    [...floor.modules].every((path) => bundleModules.has(path))
  );
}

/**
 * The floors for the bench page: each one's size, where its bytes live,
 * and the functions that hold it whole.
 */
export function floorsMarkdown(
  floors: readonly MeasuredFloor[],
  bundles: readonly { name: string; modules: ReadonlySet<string> }[],
): string {
  const rows = floors.map((floor) => {
    const holders = bundles
      .filter((b) => floorsHeld(b.modules, [floor]).length)
      .map((b) => `\`${b.name}\``);
    return `| ${floor.name} (\`${floor.entry}\`) | ${kb(floor.bytes)} | ${
      PLACES.map((p) => (floor.byPlace[p] / 1024).toFixed(1)).join(" | ")
    } | ${holders.join(", ") || "none"} |`;
  });
  return [
    "What a function must bundle to do its kind of work in one run " +
    "(`dev/tools/bundle_floors.ts`), in KB, and the functions that hold it " +
    "whole:",
    [
      `| Floor | Own code | ${PLACES.join(" | ")} | Held whole by |`,
      `| --- | --- | ${PLACES.map(() => "---").join(" | ")} | --- |`,
      ...rows,
    ].join("\n"),
  ].join("\n\n");
}
