import assert from "node:assert/strict";
import { failureOf, fakeClock } from "../../dev/testing/jsm_fixtures.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { JsmClient } from "./jsm_client.ts";
import {
  createRequest,
  getRequest,
  type NewJsmRequest,
} from "./customer_requests.ts";
import { findRequestByHelpdeskKey } from "./request_search.ts";
import { explainJsmError } from "./jsm_errors.ts";

const PRINTER: NewJsmRequest = {
  helpdeskKey: "HD-7K3QX2",
  summary: "Printer on 3rd floor is jammed",
  description: "It blinks orange.",
};
const REQUESTS = "/rest/servicedeskapi/request";

/** Real HTTP to the fake, but time only moves when the client sleeps. */
function fakeTime() {
  const clock = fakeClock();
  return { clock, now: clock.now, sleep: clock.sleep, random: () => 0.5 };
}

Deno.test("JsmClient explains what JSM refused", async (t) => {
  await using jsm = await startFakeJsm();

  await t.step("401: wrong API token", async () => {
    const config = jsm.apiTokenConfig();
    config.auth = { ...config.auth, token: "stale" } as typeof config.auth;
    const error = await failureOf(getRequest(new JsmClient(config), "IT-1"));
    assert.equal(error.code, "unauthorized");
    assert.match(explainJsmError(error, config), /slack env add JSM_API_TOKEN/);
  });

  await t.step(
    "401: expired OAuth token, and a grant missing a scope",
    async () => {
      const config = jsm.oauthConfig({
        auth: { kind: "oauth", accessToken: "expired" },
      });
      const expired = await failureOf(new JsmClient(config).resolveCloudId());
      assert.match(explainJsmError(expired, config), /slack external-auth add/);
      await using readOnly = await startFakeJsm({
        scopes: ["read:servicedesk-request"],
      });
      const client = new JsmClient(readOnly.oauthConfig());
      const scope = await failureOf(createRequest(client, PRINTER));
      assert.equal(scope.status, 401);
      assert.match(
        explainJsmError(scope, "oauth"),
        /lacks a scope .*write:servicedesk-request/,
      );
    },
  );

  await t.step("an OAuth grant without any service desk site", async () => {
    await using confluenceOnly = await startFakeJsm({
      scopes: ["read:confluence-content.all"],
    });
    const config = confluenceOnly.oauthConfig();
    const error = await failureOf(new JsmClient(config).resolveCloudId());
    assert.equal(error.code, "forbidden");
    assert.match(error.message, /grants no Jira Service Management site/);
    assert.match(explainJsmError(error, config), /write:servicedesk-request/);
  });

  await t.step("403: the account is not an agent", async () => {
    jsm.fail(REQUESTS, { status: 403, method: "POST" });
    const config = jsm.apiTokenConfig();
    const error = await failureOf(
      createRequest(new JsmClient(config), PRINTER),
    );
    assert.match(
      explainJsmError(error, config),
      /agent@acme\.test .*must be an agent on service desk 1/,
    );
  });

  await t.step("400: names the field JSM rejected", async () => {
    jsm.fail(REQUESTS, {
      status: 400,
      method: "POST",
      body: {
        errorMessage:
          "Your request could not be created. Please check the fields have been correctly filled in. Please provide a valid value for field 'Summary'",
      },
    });
    const config = jsm.apiTokenConfig();
    const error = await failureOf(
      createRequest(new JsmClient(config), PRINTER),
    );
    assert.equal(error.field, "summary");
    assert.match(
      explainJsmError(error, config),
      /^JSM rejected the field "summary"/,
    );
  });

  await t.step(
    "404: names the service desk and request type to check",
    async () => {
      const config = jsm.apiTokenConfig({ serviceDeskId: "99" });
      const error = await failureOf(
        createRequest(new JsmClient(config), PRINTER),
      );
      assert.equal(error.code, "not_found");
      assert.match(
        explainJsmError(error, config),
        /service desk 99 with request type 10/,
      );
      assert.equal(jsm.requests.size, 0);
    },
  );
});

Deno.test("JsmClient retries within its deadline", async (t) => {
  await using jsm = await startFakeJsm();
  await createRequest(new JsmClient(jsm.apiTokenConfig()), PRINTER);

  await t.step("a 503 then an answer", async () => {
    jsm.fail(`${REQUESTS}/IT-1`, { status: 503, times: 2 });
    const time = fakeTime();
    const client = new JsmClient(jsm.apiTokenConfig(), time);
    assert.equal((await getRequest(client, "IT-1")).issueKey, "IT-1");
    assert.equal(time.clock.sleeps.length, 2);
  });

  await t.step("a 429 storm gives up before the deadline", async () => {
    jsm.fail(`${REQUESTS}/IT-1`, {
      status: 429,
      retryAfter: 3,
      times: Infinity,
    });
    const time = fakeTime();
    const client = new JsmClient(jsm.apiTokenConfig(), {
      ...time,
      deadlineMs: 8000,
    });
    const calls = jsm.calls.length;
    const error = await failureOf(getRequest(client, "IT-1"));
    assert.equal(error.code, "gave_up");
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterSeconds, 3);
    assert.deepEqual(time.clock.sleeps, [3000, 3000]);
    assert.ok(time.clock.ms < 8000);
    assert.equal(jsm.calls.length - calls, 3);
    assert.match(
      explainJsmError(error, "api_token"),
      /HTTP 429, asked to wait 3 s/,
    );
  });

  await t.step(
    "Retry-After as an HTTP date far away: no waiting at all",
    async () => {
      jsm.clearFailures();
      jsm.fail(`${REQUESTS}/IT-1`, {
        status: 429,
        retryAfter: new Date(Date.now() + 60_000).toUTCString(),
        times: Infinity,
      });
      const time = fakeTime();
      const client = new JsmClient(jsm.apiTokenConfig(), {
        ...time,
        now: Date.now,
      });
      const error = await failureOf(getRequest(client, "IT-1"));
      assert.deepEqual(time.clock.sleeps, []);
      assert.equal(error.code, "gave_up");
      assert.ok(
        error.retryAfterSeconds! >= 59,
        String(error.retryAfterSeconds),
      );
    },
  );

  await t.step("a plain create is not resent after a 503", async () => {
    jsm.clearFailures();
    jsm.fail(REQUESTS, { status: 503, method: "POST" });
    const posts = jsm.callsTo("POST", REQUESTS).length;
    const error = await failureOf(
      createRequest(new JsmClient(jsm.apiTokenConfig(), fakeTime()), PRINTER),
    );
    assert.equal(error.code, "unavailable");
    assert.equal(jsm.callsTo("POST", REQUESTS).length - posts, 1);
  });
});

Deno.test("a create that timed out but landed is found only once Jira's search shows it", async () => {
  await using jsm = await startFakeJsm({ searchLagMs: 60_000 });
  // JSM creates the request but answers after the client has given up.
  jsm.slowOnce(REQUESTS, 1_000, "POST");
  const client = new JsmClient(jsm.apiTokenConfig(), {
    perAttemptTimeoutMs: 200,
    random: () => 0,
  });
  const error = await failureOf(createRequest(client, PRINTER));
  assert.equal(error.code, "timeout");
  assert.equal(jsm.requests.size, 1);
  assert.equal(jsm.callsTo("POST", REQUESTS).length, 1, "not resent");
  // Not found is not "absent": the index has not caught up.
  assert.equal(await findRequestByHelpdeskKey(client, "HD-7K3QX2"), undefined);
  jsm.searchLagMs = 0;
  assert.equal(
    (await findRequestByHelpdeskKey(client, "HD-7K3QX2"))?.issueKey,
    "IT-1",
  );
});
