import assert from "node:assert/strict";
import { findUsages } from "../permissions/usage_scan.ts";
import { checkPermissions } from "../permissions/scope_check.ts";
import { appSources, declaredPermissions } from "../tools/scopes.ts";
import {
  approvalRequestOf,
  KIT_END,
  KIT_PAGE,
  KIT_START,
  kitApprovalMarkdown,
} from "../tools/approval.ts";
import { approvalRequestMarkdown } from "../permissions/approval_text.ts";
import {
  CONNECTOR_CATALOG,
  DOMAIN_CATALOG,
  EXPORT_SETTING,
  FILES_SETTING,
  NOT_REQUESTED,
  PROVIDER_CATALOG,
} from "../permissions/approval_catalog.ts";
import { helpdeskManifest } from "../../manifest.ts";
import { deploymentOptions } from "../../integrations/deployment/deployment_options.ts";
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

// deno fmt pads tables and wraps prose: cells and words are compared.
function normalized(markdown: string): string {
  return markdown.split("\n").map((line) =>
    line.startsWith("|")
      ? line.split("|").map((c) => c.trim().replace(/^-+$/, "---")).join("|")
      : line.trim()
  ).filter((line) => line !== "").join(" ").replace(/\s+/g, " ");
}

Deno.test("the permissions section of docs/setup.md is what `deno task approval --docs` writes", async () => {
  const page = await Deno.readTextFile(
    new URL(`../../${KIT_PAGE}`, import.meta.url),
  );
  assert.ok(page.includes(KIT_START), `${KIT_PAGE} has the approval markers`);
  const start = page.indexOf(KIT_START) + KIT_START.length;
  const section = page.slice(start, page.indexOf(KIT_END));
  assert.equal(
    normalized(section),
    normalized(kitApprovalMarkdown()),
    `${KIT_PAGE} is out of date: run \`deno task approval --docs\``,
  );
});

/** The manifest in each deployment setting docs/setup.md documents. */
const SETTINGS: Record<string, Record<string, string>> = {
  "no integrations": {},
  "JSM with an API token": {
    JSM_AUTH: "api_token",
    JSM_SITE: "acme.atlassian.net",
  },
  "JSM with a scoped API token or a service account": {
    JSM_AUTH: "scoped_token",
    JSM_SITE: "acme.atlassian.net",
  },
  "JSM with OAuth": { JSM_AUTH: "oauth", JSM_OAUTH_CLIENT_ID: "client-1" },
  "Files with tickets, and JSM with OAuth": {
    HELPDESK_FILES: "on",
    JSM_AUTH: "oauth",
    JSM_OAUTH_CLIENT_ID: "client-1",
  },
  "Files with tickets": { HELPDESK_FILES: "on" },
  "Report exports": { HELPDESK_EXPORT: "on" },
  "Files with tickets, and report exports": {
    HELPDESK_FILES: "on",
    HELPDESK_EXPORT: "on",
  },
  "Jira Cloud and Sheets connectors": {
    JIRA_CLOUD_DOMAIN: "acme",
    JIRA_PROJECT: "IT",
    SHEETS_SPREADSHEET_ID: "sheet-1",
  },
};

function requestsBySetting() {
  return Object.entries(SETTINGS).map(([name, env]) => {
    const options = deploymentOptions(env);
    assert.ok(options.ok, name);
    return {
      name,
      request: approvalRequestOf(
        helpdeskManifest(options.value),
        options.value.jsm.mode,
      ),
    };
  });
}

Deno.test("in every setting, everything an admin approves has a reason", () => {
  for (const { name, request } of requestsBySetting()) {
    // Throws, naming the catalog to fill in, for anything without a reason.
    const text = approvalRequestMarkdown(request);
    for (const domain of request.outgoingDomains) {
      assert.match(text, new RegExp(`\`${domain}\``), name);
    }
    for (const id of request.connectorFunctions) {
      assert.ok(text.includes(id), `${name}: ${id}`);
    }
    for (const { scopes } of request.providers) {
      for (const scope of scopes) assert.ok(text.includes(scope), scope);
    }
    assert.doesNotMatch(text, /no reason recorded/);
  }
});

Deno.test("the catalogs match the manifests: nothing missing, nothing stale", () => {
  const all = requestsBySetting().map((r) => r.request);
  const requestedScopes = new Set(all.flatMap((r) => r.botScopes));
  for (const scope of Object.keys(NOT_REQUESTED)) {
    assert.ok(!requestedScopes.has(scope), `${scope} is requested after all`);
  }
  assert.deepEqual(
    Object.keys(DOMAIN_CATALOG).sort(),
    [
      ...new Set(
        all.filter((r) =>
          r.outgoingDomains.some((d) => d !== FILES_SETTING.domain)
        ).map((r) => r.jsmMode),
      ),
    ]
      .sort(),
  );
  // files:read comes with HELPDESK_FILES=on, and only then; files:write
  // and the file host with it or with HELPDESK_EXPORT=on, and only then.
  for (const { name, request } of requestsBySetting()) {
    const files = name.startsWith("Files");
    const uploads = files || name.includes("xports");
    assert.equal(request.botScopes.includes("files:read"), files, name);
    for (const scope of EXPORT_SETTING.scopes) {
      assert.equal(
        request.botScopes.includes(scope),
        uploads,
        `${name}: ${scope}`,
      );
    }
    assert.equal(
      request.outgoingDomains.includes(FILES_SETTING.domain),
      uploads,
      name,
    );
  }
  assert.deepEqual(
    Object.keys(CONNECTOR_CATALOG).sort(),
    [...new Set(all.flatMap((r) => r.connectorFunctions))].sort(),
  );
  const providers = all.flatMap((r) => r.providers);
  assert.deepEqual(
    PROVIDER_CATALOG.map((p) => p.key),
    [...new Set(providers.map((p) => p.key))],
  );
  for (const provider of PROVIDER_CATALOG) {
    const asked = providers.find((p) => p.key === provider.key)!.scopes;
    assert.deepEqual(Object.keys(provider.scopes).sort(), [...asked].sort());
  }
  // Without integrations, the manifest names no host, provider or connector.
  const plain = all[0];
  assert.deepEqual(
    [plain.outgoingDomains, plain.providers, plain.connectorFunctions],
    [[], [], []],
  );
});
