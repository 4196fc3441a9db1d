import assert from "node:assert/strict";
import {
  atlassianSiteHost,
  jsmApiBase,
  type JsmConfig,
  jsmConfigFromEnv,
  outgoingDomainsFor,
} from "./jsm_config.ts";

const ENV = {
  JSM_SITE: "acme",
  JSM_EMAIL: "agent@acme.com",
  JSM_API_TOKEN: "token-1",
  JSM_SERVICE_DESK_ID: "3",
  JSM_REQUEST_TYPE_ID: "17",
};

function problemOf(env: Record<string, string>, oauth?: string): string {
  const result = jsmConfigFromEnv(env, oauth);
  assert.equal(result.ok, false);
  return result.ok ? "" : result.problem;
}

function valueOf(env: Record<string, string>, oauth?: string): JsmConfig {
  const result = jsmConfigFromEnv(env, oauth);
  assert.ok(result.ok, result.ok ? "" : result.problem);
  return result.value;
}

Deno.test("jsmConfigFromEnv", async (t) => {
  await t.step("reads an API-token config", () => {
    assert.deepEqual(valueOf(ENV), {
      auth: {
        kind: "api_token",
        site: "acme.atlassian.net",
        email: "agent@acme.com",
        token: "token-1",
      },
      serviceDeskId: "3",
      requestTypeId: "17",
      baseUrl: undefined,
    });
  });

  await t.step("accepts the site in its usual spellings", () => {
    for (
      const site of [
        "acme",
        "acme.atlassian.net",
        "https://acme.atlassian.net/",
        " ACME.atlassian.net/jira/servicedesk ",
      ]
    ) {
      assert.equal(atlassianSiteHost(site), "acme.atlassian.net", site);
    }
  });

  await t.step("rejects hosts that are not Atlassian Cloud sites", () => {
    for (
      const site of [
        "acme.example.com",
        "https://evil.test/acme.atlassian.net",
        "acme.atlassian.net.evil.test",
        "a b",
      ]
    ) {
      assert.match(problemOf({ ...ENV, JSM_SITE: site }), /JSM_SITE must be/);
    }
  });

  await t.step("names every missing variable and how to set it", () => {
    const problem = problemOf({ ...ENV, JSM_API_TOKEN: "", JSM_EMAIL: " " });
    assert.match(problem, /JSM_EMAIL, JSM_API_TOKEN are not set/);
    assert.match(problem, /slack env add JSM_EMAIL <value>/);
    assert.match(
      problem,
      /for `slack run` add JSM_EMAIL=…, JSM_API_TOKEN=… to \.env/,
    );
    assert.match(problemOf({}), /JSM_SITE, JSM_EMAIL, JSM_API_TOKEN/);
  });

  await t.step("wants numeric ids and a real email", () => {
    assert.match(
      problemOf({ ...ENV, JSM_SERVICE_DESK_ID: "IT" }),
      /JSM_SERVICE_DESK_ID must be the numeric id/,
    );
    assert.match(
      problemOf({ ...ENV, JSM_EMAIL: "agent" }),
      /JSM_EMAIL must be the email/,
    );
  });

  await t.step("JSM_BASE_URL overrides where calls go", () => {
    const config = valueOf({ ...ENV, JSM_BASE_URL: "http://127.0.0.1:9/" });
    assert.equal(config.baseUrl, "http://127.0.0.1:9");
    assert.equal(jsmApiBase(config), "http://127.0.0.1:9");
    assert.equal(
      valueOf({ ...ENV, JSM_BASE_URL: "https://acme.atlassian.net" }).baseUrl,
      "https://acme.atlassian.net",
    );
    assert.match(
      problemOf({ ...ENV, JSM_BASE_URL: "127.0.0.1:9" }),
      /JSM_BASE_URL must be an https URL/,
    );
  });

  await t.step(
    "JSM_BASE_URL carries credentials: https, to a declared host only",
    () => {
      assert.match(
        problemOf({ ...ENV, JSM_BASE_URL: "http://acme.atlassian.net" }),
        /must be an https URL \(plain http only to 127\.0\.0\.1 or localhost\)/,
      );
      assert.match(
        problemOf({ ...ENV, JSM_BASE_URL: "https://proxy.example.com" }),
        /host proxy\.example\.com is not among the manifest's outgoing domains \(acme\.atlassian\.net\)/,
      );
      // The gateway is declared only where the mode calls it.
      assert.match(
        problemOf({ ...ENV, JSM_BASE_URL: "https://api.atlassian.com" }),
        /not among the manifest's outgoing domains/,
      );
      assert.equal(
        valueOf(
          {
            ...ENV,
            JSM_AUTH: "scoped_token",
            JSM_BASE_URL: "https://api.atlassian.com",
          },
        ).baseUrl,
        "https://api.atlassian.com",
      );
      assert.match(
        problemOf(
          {
            JSM_SERVICE_DESK_ID: "3",
            JSM_REQUEST_TYPE_ID: "17",
            JSM_BASE_URL: "https://acme.atlassian.net",
          },
          "oauth-token",
        ),
        /outgoing domains \(api\.atlassian\.com\)/,
      );
    },
  );

  await t.step("a scoped token goes through the gateway", () => {
    const config = valueOf({
      ...ENV,
      JSM_AUTH: "scoped_token",
      JSM_CLOUD_ID: "cloud-9",
    });
    assert.deepEqual(config.auth, {
      kind: "scoped_token",
      site: "acme.atlassian.net",
      email: "agent@acme.com",
      token: "token-1",
      cloudId: "cloud-9",
    });
    assert.equal(
      jsmApiBase(config),
      "https://api.atlassian.com/ex/jira/cloud-9",
    );
  });

  await t.step("with an OAuth token only the ids are required", () => {
    const config = valueOf(
      { JSM_SERVICE_DESK_ID: "3", JSM_REQUEST_TYPE_ID: "17" },
      "oauth-token",
    );
    assert.deepEqual(config.auth, {
      kind: "oauth",
      accessToken: "oauth-token",
      cloudId: undefined,
      site: undefined,
    });
    assert.throws(() => jsmApiBase(config), /cloud id is not known/);
    assert.equal(
      jsmApiBase(config, "abc-123"),
      "https://api.atlassian.com/ex/jira/abc-123",
    );
    assert.match(
      problemOf({}, "oauth-token"),
      /JSM_SERVICE_DESK_ID, JSM_REQUEST_TYPE_ID/,
    );
  });
});

Deno.test("outgoingDomainsFor lists the hosts each mode calls", () => {
  assert.deepEqual(
    outgoingDomainsFor({
      kind: "api_token",
      site: "https://acme.atlassian.net/",
    }),
    ["acme.atlassian.net"],
  );
  assert.deepEqual(outgoingDomainsFor({ kind: "oauth" }), [
    "api.atlassian.com",
  ]);
  assert.deepEqual(
    outgoingDomainsFor({ kind: "scoped_token", site: "acme" }),
    ["acme.atlassian.net", "api.atlassian.com"],
  );
  assert.throws(() =>
    outgoingDomainsFor({ kind: "api_token", site: "x.test" })
  );
});
