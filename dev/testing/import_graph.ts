// The project's import graph, read from source text: what each module imports
// and whether only its types. Plain text in, data out, so the layer rules in
// dev/tests/layers_test.ts are tested on samples as well as on the project.

export interface Import {
  specifier: string;
  /** `import type …` / `export type … from`: erased when bundled. */
  typeOnly: boolean;
  /** The names in `{ … }`, as exported (`a as b` is a): what it uses. */
  names?: string[];
  /** `import("…")`: loaded when run, not when the module is. */
  dynamic?: true;
}

const STATIC =
  /(?:^|[;}])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?["']([^"']+)["']/g;
// Any `import(` call; the specifier when it is a plain string.
const DYNAMIC = /(?<![\w$.])import\s*\(\s*(?:["']([^"']+)["']\s*\))?/g;

/** Blanks out comments and the insides of template strings. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/(^|[^:"'`])\/\/[^\n]*/g, "$1")
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, "``");
}

export function importsOf(text: string): Import[] {
  const source = code(text);
  const found: Import[] = [];
  for (const m of source.matchAll(STATIC)) {
    // `import { type A, type B } from` is type-only too when every name is.
    const names = /\{([^}]*)\}/.exec(m[0])?.[1];
    const everyNameTyped = names !== undefined &&
      names.split(",").map((n) => n.trim()).filter(Boolean)
        .every((n) => n.startsWith("type "));
    found.push({
      specifier: m[3],
      typeOnly: Boolean(m[2]) || everyNameTyped,
      ...(names === undefined ? {} : {
        names: names.split(",").map((n) =>
          n.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]
        ).filter(Boolean),
      }),
    });
  }
  for (const m of source.matchAll(DYNAMIC)) {
    found.push({
      specifier: m[1] ?? "(computed)",
      typeOnly: false,
      dynamic: true,
    });
  }
  return found;
}

/** A relative specifier resolved against the importing module's path. */
export function resolve(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

export const isRelative = (specifier: string) => /^\.\.?\//.test(specifier);
