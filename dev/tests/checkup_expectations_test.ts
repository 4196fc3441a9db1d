// The check-up compares the workspace with what Helpdesk should have; a
// function bundle can't read the manifest or triggers/, so
// use_cases/checkup/expected_setup.ts names them, and this keeps it true.
import assert from "node:assert/strict";
import {
  EXPECTED_BOT_SCOPES,
  SHORTCUT_TRIGGERS,
} from "../../use_cases/checkup/expected_setup.ts";
import { manifestBotScopes } from "../testing/harness.ts";
import { helpdeskManifest } from "../../manifest.ts";
import { deploymentOptions } from "../../integrations/deployment/deployment_options.ts";

Deno.test("the check-up expects the manifest's scopes, no more, no fewer", () => {
  assert.deepEqual([...EXPECTED_BOT_SCOPES].sort(), manifestBotScopes().sort());
});

Deno.test("the check-up expects every trigger under triggers/", async () => {
  const dir = new URL("../../triggers/", import.meta.url);
  const files: Array<{ file: string; workflow: string }> = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
    const trigger = (await import(new URL(entry.name, dir).href)).default;
    files.push({
      file: `triggers/${entry.name}`,
      workflow: String(trigger.workflow).replace("#/workflows/", ""),
    });
  }
  assert.deepEqual(
    SHORTCUT_TRIGGERS.map(({ file, workflow }) => ({ file, workflow })),
    files.sort((a, b) => a.file.localeCompare(b.file)),
  );
  // "only" says which deployments have the workflow at all.
  const everything = deploymentOptions({
    JSM_AUTH: "api_token",
    JSM_SITE: "acme",
    JIRA_CLOUD_DOMAIN: "acme",
    JIRA_PROJECT: "IT",
  });
  assert.ok(everything.ok);
  const plain = Object.keys(
    (helpdeskManifest({ jsm: { mode: "off" } }) as { workflows: object })
      .workflows,
  );
  const full = Object.keys(
    (helpdeskManifest(everything.value) as { workflows: object }).workflows,
  );
  for (const { workflow, only } of SHORTCUT_TRIGGERS) {
    assert.ok(full.includes(workflow), workflow);
    assert.equal(plain.includes(workflow), only === undefined, workflow);
  }
});
