// docs/testing.md's tests section (linked from the README's Tests) names every
// folder that has tests, so it lists everything `deno task test` runs.
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

async function testFolders(): Promise<Set<string>> {
  const folders = new Set<string>();
  async function walk(dir: string) {
    for await (const entry of Deno.readDir(new URL(dir || ".", ROOT))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith("_test.ts")) folders.add(dir);
    }
  }
  await walk("");
  return folders;
}

/** `a/b` and `a/*` in the section: a folder itself, or any folder under it. */
export function namedIn(section: string, folder: string): boolean {
  const named = [...section.matchAll(/`([\w./*-]+)`/g)].map((m) => m[1]);
  return named.some((n) =>
    n === folder || (n.endsWith("/*") && folder.startsWith(n.slice(0, -1)))
  );
}

Deno.test("a folder is named, or covered by a folder/*", () => {
  const section = "| `functions/*`, `dev/local` |";
  assert.ok(namedIn(section, "functions/create_ticket"));
  assert.ok(namedIn(section, "dev/local"));
  assert.ok(!namedIn(section, "dev/local/web"));
});

Deno.test("docs/testing.md's tests section names every folder with tests", async () => {
  const page = await Deno.readTextFile(new URL("docs/testing.md", ROOT));
  const section = page.slice(
    page.indexOf("<!-- tests:start -->"),
    page.indexOf("<!-- tests:end -->"),
  );
  assert.ok(section.length > 100, "docs/testing.md has the tests markers");
  const folders = await testFolders();
  assert.ok(folders.has("functions/create_ticket"));
  const missing = [...folders].filter((f) => !namedIn(section, f)).sort();
  assert.deepEqual(
    missing,
    [],
    "add these folders to docs/testing.md's tests section",
  );
});
