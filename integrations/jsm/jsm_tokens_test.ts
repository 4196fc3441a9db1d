// The kinds of credentials enterprises use with JSM, against a fake as
// strict as Atlassian: scoped API tokens (a person's or a service
// account's) only through the gateway, classic ones only at the site, and
// an OAuth token that expired early refreshed once, by force.
import assert from "node:assert/strict";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { startFakeSlack } from "../../dev/testing/harness.ts";
import { clientFor } from "../../dev/testing/harness.ts";
import { JsmClient } from "./jsm_client.ts";
import { createRequest } from "./customer_requests.ts";
import { checkAccess } from "./service_desk.ts";
import { jsmConfigFromEnv } from "./jsm_config.ts";
import { JsmError } from "./jsm_errors.ts";
import { connectToJsm } from "../../use_cases/jsm/jsm_connection.ts";

const REQUESTS = "/rest/servicedeskapi/request";
const NEW = { helpdeskKey: "HD-SCOPE1", summary: "VPN", description: "" };

function configOf(env: Record<string, string>) {
  const result = jsmConfigFromEnv(env);
  assert.ok(result.ok, result.ok ? "" : result.problem);
  return result.value;
}

Deno.test("scoped API tokens and service accounts", async (t) => {
  await using jsm = await startFakeJsm();

  await t.step(
    "the cloud id comes from the site's tenant_info, calls go through the gateway",
    async () => {
      const client = new JsmClient(configOf(jsm.scopedTokenEnv()));
      const created = await createRequest(client, NEW);
      assert.equal(created.issueKey, "IT-1");
      const tenantInfo = jsm.calls.filter((c) =>
        c.path === "/_edge/tenant_info"
      );
      assert.equal(tenantInfo.length, 1);
      const [create] = jsm.callsTo("POST", REQUESTS);
      assert.equal(create.auth, "basic");
      assert.equal(create.status, 201);
      assert.equal(await client.resolveCloudId(), jsm.options.cloudId);
      assert.equal(
        jsm.calls.filter((c) => c.path === "/_edge/tenant_info").length,
        1,
        "asked once per client",
      );
    },
  );

  await t.step("JSM_CLOUD_ID set: tenant_info is not asked", async () => {
    const before = jsm.calls.length;
    const client = new JsmClient(
      configOf(jsm.scopedTokenEnv({ JSM_CLOUD_ID: jsm.options.cloudId })),
    );
    await checkAccess(client);
    assert.deepEqual(
      jsm.calls.slice(before).map((c) => c.path),
      ["/rest/servicedeskapi/servicedesk/1"],
    );
  });

  await t.step(
    "a scoped token used as a classic one gets Atlassian's 401 at the site",
    async () => {
      const client = new JsmClient(
        configOf(jsm.scopedTokenEnv({ JSM_AUTH: "api_token" })),
      );
      const error = await createRequest(client, NEW).catch((e) => e);
      assert.ok(error instanceof JsmError);
      assert.equal(error.code, "unauthorized");
      assert.equal(jsm.requests.size, 1, "nothing created");
    },
  );

  await t.step("a classic token through the gateway gets 401 too", async () => {
    const client = new JsmClient(
      configOf(jsm.apiTokenEnv({ JSM_AUTH: "scoped_token" })),
    );
    const error = await checkAccess(client).catch((e) => e);
    assert.ok(error instanceof JsmError);
    assert.equal(error.code, "unauthorized");
  });
});

Deno.test("OAuth: a 401 is retried once with a forced refresh", async (t) => {
  await using jsm = await startFakeJsm();
  await using slack = await startFakeSlack();
  const TOKEN_ID = "Et0ATLASSIAN";
  slack.externalTokens.set(TOKEN_ID, jsm.options.accessToken);
  const connect = async () => {
    const connection = await connectToJsm(
      clientFor(slack),
      jsm.oauthEnv(),
      TOKEN_ID,
    );
    assert.ok(connection.ok);
    return connection.jsm;
  };

  await t.step(
    "the token expired early: refreshed by force, and the call goes through",
    async () => {
      const client = await connect();
      jsm.expireAccessToken("oauth-access-token-2");
      slack.externalTokenRefreshes.set(TOKEN_ID, "oauth-access-token-2");
      const created = await createRequest(client, NEW);
      assert.equal(created.issueKey, "IT-1");
      const gets = slack.callsTo("apps.auth.external.get");
      assert.deepEqual(
        gets.map((c) => c.args.force_refresh ?? false),
        [false, "true"],
        "one plain get, then one forced refresh",
      );
      // The first call (finding the cloud id) met the expired token.
      assert.deepEqual(
        jsm.calls.map((c) => [c.path, c.status]),
        [
          ["/oauth/token/accessible-resources", 401],
          ["/oauth/token/accessible-resources", 200],
          [REQUESTS, 201],
        ],
      );
    },
  );

  await t.step(
    "still 401 after the refresh: no second refresh, the 401 is reported",
    async () => {
      slack.clearCalls();
      const client = await connect();
      jsm.expireAccessToken("a-token-nobody-has");
      const error = await checkAccess(client).catch((e) => e);
      assert.ok(error instanceof JsmError);
      assert.equal(error.code, "unauthorized");
      assert.equal(
        slack.callsTo("apps.auth.external.get").filter((c) =>
          c.args.force_refresh
        ).length,
        1,
      );
    },
  );
});
