import assert from "node:assert/strict";
import { findUsages } from "./usage_scan.ts";
import { checkPermissions } from "./scope_check.ts";
import { fixManifest, replaceStringArray } from "./manifest_edit.ts";

const SAMPLE = {
  path: "functions/sample/handler.ts",
  text: [
    'import { slackCall } from "../../slack/api/slack_call.ts";',
    '// slackCall(client, "users.info", {}) in a comment does not count',
    'await slackCall(client, "chat.postMessage", { channel });',
    "await slackCall(",
    "  client,",
    '  "conversations.join",',
    "  { channel },",
    ");",
    'await client.apiCall("usergroups.users.list", {});',
    "await client.reactions.add({ name: 'eyes' });",
    "const form = wf.addStep(Schema.slack.functions.SendDm, {});",
    "event_type: TriggerEventTypes.ReactionAdded,",
    'const r = await fetch("https://acme.atlassian.net/rest/api/3/issue");',
  ].join("\n"),
};

Deno.test("findUsages finds methods, built-ins, events and hosts with their lines", () => {
  const found = findUsages([SAMPLE]).map((u) =>
    `${u.kind} ${u.name} :${u.line}`
  );
  assert.deepEqual(found.sort(), [
    "builtin_function SendDm :11",
    "event ReactionAdded :12",
    "host acme.atlassian.net :13",
    "method chat.postMessage :3",
    "method conversations.join :4",
    "method reactions.add :10",
    "method usergroups.users.list :9",
  ]);
});

Deno.test("checkPermissions: a missing scope is an error naming the call site", () => {
  const usages = findUsages([SAMPLE]);
  const result = checkPermissions(usages, {
    botScopes: [
      "chat:write",
      "channels:join",
      "usergroups:read",
      "reactions:read",
    ],
    outgoingDomains: ["acme.atlassian.net"],
    hasDatastores: false,
  });
  assert.deepEqual(result.findings, [{
    level: "error",
    message:
      "missing bot scope reactions:write, needed by functions/sample/handler.ts:10 (reactions.add)",
  }]);
  assert.deepEqual(result.neededScopes, [
    "channels:join",
    "chat:write",
    "reactions:read",
    "reactions:write",
    "usergroups:read",
  ]);
});

Deno.test("checkPermissions: unused scopes and domains are warnings that say why", () => {
  const result = checkPermissions([], {
    botScopes: ["channels:history"],
    outgoingDomains: ["example.com"],
    hasDatastores: true,
  });
  const byLevel = (level: string) =>
    result.findings.filter((f) => f.level === level).map((f) => f.message);
  assert.deepEqual(byLevel("error"), [
    "missing bot scope datastore:read, needed by manifest.ts (datastores)",
    "missing bot scope datastore:write, needed by manifest.ts (datastores)",
  ]);
  assert.equal(byLevel("warning").length, 2);
  assert.match(
    byLevel("warning")[0],
    /channels:history looks unused: no method/,
  );
  assert.match(byLevel("warning")[1], /example\.com looks unused: no fetch/);
});

Deno.test("checkPermissions: a method with no recorded scope is an error", () => {
  const usages = findUsages([{
    path: "x.ts",
    text: 'slackCall(c, "admin.teams.create", {})',
  }]);
  const result = checkPermissions(usages, {
    botScopes: [],
    outgoingDomains: [],
    hasDatastores: false,
  });
  assert.match(
    result.findings[0].message,
    /x\.ts:1: no scope is recorded for method admin\.teams\.create/,
  );
});

Deno.test("checkPermissions: any one of a method's scopes satisfies it", () => {
  const usages = findUsages([{
    path: "x.ts",
    text: 'slackCall(c, "conversations.info", {})',
  }]);
  const result = checkPermissions(usages, {
    botScopes: ["groups:read"],
    outgoingDomains: [],
    hasDatastores: false,
  });
  assert.deepEqual(result.findings, []);
});

Deno.test("replaceStringArray rewrites only that array, in deno fmt's layout", () => {
  const source = [
    "export default Manifest({",
    '  name: "x",',
    '  botScopes: ["a", "b"],',
    "  outgoingDomains: [],",
    "});",
  ].join("\n");
  const scopes = replaceStringArray(source, "botScopes", [
    "chat:write",
    "datastore:read",
  ]);
  assert.equal(
    scopes,
    [
      "export default Manifest({",
      '  name: "x",',
      "  botScopes: [",
      '    "chat:write",',
      '    "datastore:read",',
      "  ],",
      "  outgoingDomains: [],",
      "});",
    ].join("\n"),
  );
  assert.equal(replaceStringArray(scopes, "outgoingDomains", []), scopes);
  assert.throws(
    () => replaceStringArray(source, "missing", []),
    /no missing: \[\.\.\.\]/,
  );
});

Deno.test("--fix works whether outgoing domains are listed or computed", async (t) => {
  const computed = [
    "export default Manifest({",
    "  outgoingDomains: outgoingDomains(options),",
    "  botScopes: [",
    '    "chat:write",',
    "  ],",
    "});",
  ].join("\n");
  await t.step("computed: scopes rewritten, domains left to the code", () => {
    const { source, notes } = fixManifest(
      computed,
      { scopes: ["chat:write", "usergroups:read"], domains: [] },
      [],
    );
    assert.match(source, /"chat:write",\n {4}"usergroups:read",\n {2}\],/);
    assert.match(source, /outgoingDomains: outgoingDomains\(options\),/);
    assert.deepEqual(notes, []);
  });
  await t.step("computed and different: said, not rewritten", () => {
    const { source, notes } = fixManifest(
      computed,
      { scopes: ["chat:write"], domains: [] },
      ["acme.atlassian.net"],
    );
    assert.equal(source, computed);
    assert.match(notes[0], /manifest names acme\.atlassian\.net/);
  });
  await t.step("listed: both rewritten", () => {
    const listed = computed.replace(
      "outgoingDomains(options)",
      '["old.example.com"]',
    );
    const { source } = fixManifest(
      listed,
      { scopes: ["chat:write"], domains: ["api.example.com"] },
      ["old.example.com"],
    );
    assert.match(
      source,
      /outgoingDomains: \[\n {4}"api\.example\.com",\n {2}\],/,
    );
  });
});
