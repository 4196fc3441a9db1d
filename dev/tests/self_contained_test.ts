// A plain clone must be enough: no path in the project may lead outside the
// repository, and every file a comment or document names by path must exist.
import assert from "node:assert/strict";
import { resolve } from "../testing/import_graph.ts";

const ROOT = new URL("../../", import.meta.url);
const SKIP = new Set(["node_modules", "test-results", "dist"]);
const TEXT = /\.(ts|js|jsonc?|md|css|html|sh|ya?ml)$|^run$/;

async function projectFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(dir: URL, prefix: string) {
    for await (const entry of Deno.readDir(dir)) {
      if (SKIP.has(entry.name) || entry.name === ".git") continue;
      if (entry.name === ".local" || entry.name === ".slack") continue;
      if (entry.isDirectory) {
        await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      } else if (TEXT.test(entry.name)) {
        files.set(
          prefix + entry.name,
          await Deno.readTextFile(new URL(entry.name, dir)),
        );
      }
    }
  }
  await walk(ROOT, "");
  // This file's samples are meant to be caught.
  files.delete("dev/tests/self_contained_test.ts");
  return files;
}

/** Quoted relative paths that climb out of the repository from `path`. */
export function pathsLeavingRepository(path: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/["'`](\.\.?\/[^"'`\s]*)["'`]/g)) {
    const depth = path.split("/").length - 1;
    let level = depth;
    for (const part of m[1].split("/")) {
      if (part === "..") level--;
      else if (part !== "." && part !== "") level++;
      if (level < 0) {
        found.push(`${path}: ${m[1]}`);
        break;
      }
    }
  }
  return found;
}

/** `something.md` named in a file, with or without a folder. */
export function markdownFilesNamed(text: string): string[] {
  return [...text.matchAll(/(?<![\w./-])((?:[\w.-]+\/)*[\w-]+\.md)\b/g)]
    .map((m) => m[1]);
}

Deno.test("a path that climbs out of the repository is found", () => {
  assert.deepEqual(
    pathsLeavingRepository(
      "tests/x_test.ts",
      `new URL("../../elsewhere/schema.json", import.meta.url)`,
    ),
    ["tests/x_test.ts: ../../elsewhere/schema.json"],
  );
  assert.deepEqual(
    pathsLeavingRepository("tests/x_test.ts", `"../README.md"`),
    [],
  );
  const named = "see GUIDE.md, and docs/a.md.";
  assert.deepEqual(markdownFilesNamed(named), ["GUIDE.md", "docs/a.md"]);
});

Deno.test("nothing in the project points outside the repository", async () => {
  const files = await projectFiles();
  assert.ok(files.has("README.md") && files.size > 100);
  const leaving = [...files].flatMap(([path, text]) =>
    pathsLeavingRepository(path, text)
  );
  assert.deepEqual(leaving, []);
});

Deno.test("every .md file the project names exists", async () => {
  const files = await projectFiles();
  const missing = new Set<string>();
  for (const [path, text] of files) {
    for (const name of markdownFilesNamed(text)) {
      const candidates = [name, resolve(path, name)];
      const exists = candidates.some((c) =>
        files.has(c) || [...files.keys()].some((f) => f.endsWith(`/${name}`))
      );
      if (!exists) missing.add(`${path} names ${name}`);
    }
  }
  assert.deepEqual([...missing], []);
});
