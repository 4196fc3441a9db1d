import assert from "node:assert/strict";
import { findUsages } from "../permissions/usage_scan.ts";
import { checkPermissions } from "../permissions/scope_check.ts";
import { appSources, declaredPermissions } from "../tools/scopes.ts";
import {
  currentApprovalMarkdown,
  README_END,
  README_START,
} from "../tools/approval.ts";
import { METHOD_SCOPES } from "../permissions/method_scopes.ts";
import { SCOPE_CATALOG } from "../permissions/scope_catalog.ts";

Deno.test("the manifest asks for exactly the scopes and domains the code needs", async () => {
  const sources = await appSources();
  assert.ok(
    sources.some((s) => s.path === "functions/create_ticket/handler.ts"),
  );
  assert.ok(!sources.some((s) => s.path.startsWith("dev/")));
  const result = checkPermissions(findUsages(sources), declaredPermissions());
  assert.deepEqual(result.findings, []);
  assert.deepEqual(
    [...declaredPermissions().botScopes].sort(),
    result.neededScopes,
  );
});

Deno.test("every scope the manifest asks for has Slack's description and a reason", () => {
  for (const scope of declaredPermissions().botScopes) {
    assert.ok(SCOPE_CATALOG[scope]?.reason, scope);
  }
  for (const [method, entry] of METHOD_SCOPES) {
    assert.equal(
      entry.source,
      `https://docs.slack.dev/reference/methods/${method}`,
    );
  }
});

// deno fmt pads Markdown tables, so cells are compared, not spaces.
function tableCells(markdown: string): string[] {
  return markdown.split("\n").map((line) =>
    line.startsWith("|")
      ? line.split("|").map((c) => c.trim().replace(/^-+$/, "---")).join("|")
      : line.trim()
  ).filter((line) => line !== "");
}

Deno.test("the README's permissions section is what `deno task approval` prints", async () => {
  const readme = await Deno.readTextFile(
    new URL("../../README.md", import.meta.url),
  );
  const start = readme.indexOf(README_START) + README_START.length;
  const section = readme.slice(start, readme.indexOf(README_END));
  assert.deepEqual(
    tableCells(section),
    tableCells(currentApprovalMarkdown()),
    "README.md is out of date: run `deno task approval --readme && deno fmt README.md`",
  );
});
