// The manifest names exactly what each integration setup calls: no hosts,
// providers or connectors without them, and only theirs with them.
import assert from "node:assert/strict";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { helpdeskManifest } from "../../manifest.ts";
import {
  type DeploymentOptions,
  deploymentOptions,
} from "../../integrations/deployment/deployment_options.ts";
import {
  brokenReferences,
  type ManifestLike,
} from "../testing/workflow_references.ts";

const SCHEMA = new URL(
  "../testing/slack_manifest_schema/manifest.schema.2.0.0.json",
  import.meta.url,
);

type Sent = ManifestLike & {
  outgoing_domains?: string[];
  external_auth_providers?: {
    oauth2?: Record<string, { options: Record<string, unknown> }>;
  };
  workflows: Record<
    string,
    { steps: Array<{ function_id: string; inputs: Record<string, unknown> }> }
  >;
  functions: Record<string, unknown>;
};

function sent(env: Record<string, string>): Sent {
  const options = deploymentOptions(env);
  assert.ok(options.ok, JSON.stringify(options));
  const manifest = JSON.parse(
    JSON.stringify(helpdeskManifest(options.value as DeploymentOptions)),
  );
  delete manifest.icon;
  for (const fn of Object.values(manifest.functions ?? {})) {
    delete (fn as Record<string, unknown>).source_file;
  }
  return manifest;
}

const stepsOf = (m: Sent, workflow: string) =>
  m.workflows[workflow]?.steps.map((s) => s.function_id) ?? [];

Deno.test("manifest per integration setup", async (t) => {
  const schema = JSON.parse(await Deno.readTextFile(SCHEMA));
  // deno-lint-ignore no-explicit-any
  const ajv = new (Ajv as any)({ allErrors: true, strict: false });
  // deno-lint-ignore no-explicit-any
  (addFormats as any)(ajv);
  const validate = ajv.compile(schema);
  const check = (m: Sent) => {
    assert.ok(validate(m), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(brokenReferences(m), []);
  };

  await t.step("without JSM: no hosts, no provider, no sync steps", () => {
    const m = sent({});
    check(m);
    assert.deepEqual(m.outgoing_domains ?? [], []);
    assert.equal(m.external_auth_providers, undefined);
    assert.ok(!("sync_ticket_to_jsm" in m.functions));
    assert.deepEqual(stepsOf(m, "open_ticket"), ["#/functions/open_ticket"]);
    assert.equal(m.workflows.jsm_update, undefined);
    assert.equal(m.workflows.open_jira_issue, undefined);
  });

  await t.step(
    "API token: the site is the one host, and sync runs after every change",
    () => {
      const m = sent({
        JSM_AUTH: "api_token",
        JSM_SITE: "https://Acme.atlassian.net/",
      });
      check(m);
      assert.deepEqual(m.outgoing_domains, ["acme.atlassian.net"]);
      assert.equal(m.external_auth_providers, undefined);
      assert.ok("sync_ticket_to_jsm" in m.functions, "a Workflow Builder step");
      for (
        const workflow of ["open_ticket", "update_ticket", "card_reaction"]
      ) {
        assert.equal(
          stepsOf(m, workflow).at(-1),
          "#/functions/sync_ticket_to_jsm",
        );
      }
      assert.deepEqual(stepsOf(m, "service_level_sweep"), [
        "#/functions/service_level_sweep",
        "#/functions/retry_jsm_syncs",
      ]);
      assert.deepEqual(stepsOf(m, "jsm_update"), [
        "#/functions/jsm_update",
      ]);
      // No token input: API tokens come from the env.
      const step = m.workflows.open_ticket.steps.at(-1)!;
      assert.deepEqual(Object.keys(step.inputs), ["ticket_id"]);
      // Only the steps that make tickets create requests.
      for (const workflow of ["update_ticket", "card_reaction"]) {
        const sync = m.workflows[workflow].steps.at(-1)!;
        assert.equal(sync.inputs.create_if_missing, false, workflow);
      }
      assert.equal(
        m.workflows.message_to_ticket.steps.at(-1)!.inputs.create_if_missing,
        undefined,
      );
    },
  );

  await t.step(
    "a scoped token: the site (for its cloud id) and the gateway, no provider",
    () => {
      const m = sent({ JSM_AUTH: "scoped_token", JSM_SITE: "acme" });
      check(m);
      assert.deepEqual(m.outgoing_domains, [
        "acme.atlassian.net",
        "api.atlassian.com",
      ]);
      assert.equal(m.external_auth_providers, undefined);
      assert.deepEqual(
        Object.keys(m.workflows.open_ticket.steps.at(-1)!.inputs),
        ["ticket_id"],
        "the token comes from the env, as a classic one does",
      );
    },
  );

  await t.step(
    "OAuth: the gateway is the one host, with the Atlassian provider",
    () => {
      const m = sent({ JSM_AUTH: "oauth", JSM_OAUTH_CLIENT_ID: "client-123" });
      check(m);
      assert.deepEqual(m.outgoing_domains, ["api.atlassian.com"]);
      const provider = m.external_auth_providers!.oauth2!.atlassian.options;
      assert.equal(provider.client_id, "client-123");
      assert.equal(
        provider.authorization_url,
        "https://auth.atlassian.com/authorize",
      );
      assert.equal(
        provider.token_url,
        "https://auth.atlassian.com/oauth/token",
      );
      assert.deepEqual(provider.scope, [
        "read:servicedesk-request",
        "write:servicedesk-request",
        "read:jira-work",
        "write:jira-work",
        "offline_access",
        "read:me",
      ]);
      assert.deepEqual(provider.authorization_url_extras, {
        audience: "api.atlassian.com",
        prompt: "consent",
      });
      for (
        const workflow of [
          "open_ticket",
          "update_ticket",
          "service_level_sweep",
          // The check-up's JSM line is its second step (finish_checkup).
          "run_checkup",
        ]
      ) {
        const step = m.workflows[workflow].steps.at(-1)!;
        assert.deepEqual(step.inputs.jsm_access_token, {
          credential_source: "DEVELOPER",
        });
      }
    },
  );

  await t.step("connectors: Open a Jira issue and the ticket log", () => {
    const m = sent({
      JIRA_CLOUD_DOMAIN: "acme",
      JIRA_PROJECT: "OPS",
      SHEETS_SPREADSHEET_ID: "1AbC",
    });
    check(m);
    assert.deepEqual(m.outgoing_domains ?? [], [], "connectors need no hosts");
    assert.deepEqual(stepsOf(m, "open_jira_issue"), [
      "slack#/functions/open_form",
      "#/functions/create_ticket",
      "A04T6GE3LEB#/functions/create_issue",
      "#/functions/record_jira_issue",
    ]);
    const jira = m.workflows.open_jira_issue.steps[2].inputs;
    assert.deepEqual(jira.atlassian_access_token, {
      credential_source: "END_USER",
    });
    assert.equal(jira.jira_domain, "acme.atlassian.net");
    assert.equal(jira.project, "OPS");
    assert.equal(jira.issueType, "Task");
    assert.equal(
      jira.summary,
      "[{{steps.1.ticket_key}}] {{steps.0.fields.summary}}",
    );
    const row = m.workflows.open_ticket.steps.at(-1)!;
    assert.equal(row.function_id, "A04MG80N5CY#/functions/add_spreadsheet_row");
    assert.equal(row.inputs.sheet_title, "Tickets");
    assert.deepEqual(Object.keys(row.inputs.columns as object), [
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    assert.deepEqual(row.inputs.google_access_token, {
      credential_source: "DEVELOPER",
    });
  });
});

Deno.test("deployment options refuse what would deploy a broken app", () => {
  const problems = (env: Record<string, string>) => {
    const result = deploymentOptions(env);
    return result.ok ? [] : result.problems;
  };
  assert.deepEqual(problems({ JSM_AUTH: "basic" }), [
    'JSM_AUTH must be api_token, scoped_token, oauth or off, not "basic".',
  ]);
  assert.match(problems({ JSM_AUTH: "api_token" })[0], /^JSM_SITE is not set/);
  assert.deepEqual(
    problems({ JSM_AUTH: "api_token", JSM_SITE: "jira.acme.com" }),
    [
      'JSM_SITE must be your Atlassian site, e.g. acme.atlassian.net, not "jira.acme.com".',
    ],
  );
  assert.match(
    problems({ JSM_AUTH: "oauth" })[0],
    /^JSM_OAUTH_CLIENT_ID is not set/,
  );
  assert.match(
    problems({ JIRA_PROJECT: "OPS" })[0],
    /^JIRA_CLOUD_DOMAIN is not set/,
  );
  assert.match(
    problems({ JIRA_CLOUD_DOMAIN: "acme" })[0],
    /^JIRA_PROJECT is not set/,
  );
  // A token alone still means API-token mode (and then needs the site).
  assert.match(problems({ JSM_API_TOKEN: "t" })[0], /^JSM_SITE is not set/);
});
