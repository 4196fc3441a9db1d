import assert from "node:assert/strict";
import { FAKE_CUSTOMER, startFakeJsm } from "./server.ts";

const REQUESTS = "/rest/servicedeskapi/request";
const basic = (user: string) => `Basic ${btoa(user)}`;

Deno.test("the fake JSM answers like JSM", async (t) => {
  await using jsm = await startFakeJsm();
  const AUTH = basic(`${jsm.options.email}:${jsm.options.apiToken}`);
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { authorization: AUTH },
  ) => {
    const response = await fetch(`${jsm.baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { response, json: text ? JSON.parse(text) : undefined };
  };
  const create = (summary: string, extra: Record<string, unknown> = {}) =>
    call("POST", REQUESTS, {
      serviceDeskId: "1",
      requestTypeId: "10",
      requestFieldValues: { summary, description: "d" },
      ...extra,
    });

  await t.step(
    "creates requests in Atlassian's CustomerRequest shape",
    async () => {
      const { response, json } = await create("[HD-1] One");
      assert.equal(response.status, 201);
      assert.equal(json.issueKey, "IT-1");
      assert.equal(json.issueId, "10001");
      assert.deepEqual(json.currentStatus.status, "Waiting for support");
      assert.equal(json.currentStatus.statusCategory, "NEW");
      assert.equal(typeof json.currentStatus.statusDate.epochMillis, "number");
      assert.deepEqual(json.requestFieldValues[0], {
        fieldId: "summary",
        label: "Summary",
        value: "[HD-1] One",
      });
      assert.equal(json._links.self, `${jsm.baseUrl}${REQUESTS}/10001`);
      assert.equal(json.reporter.emailAddress, jsm.options.email);
      assert.equal((await create("[HD-2] Two")).json.issueKey, "IT-2");
      assert.deepEqual([...jsm.requests.keys()], ["IT-1", "IT-2"]);
    },
  );

  await t.step("checks Basic credentials", async () => {
    for (
      const authorization of [basic("agent@acme.test:wrong"), "", "Basic !!"]
    ) {
      const { response, json } = await call(
        "GET",
        `${REQUESTS}/IT-1`,
        undefined,
        {
          authorization,
        },
      );
      assert.equal(response.status, 401, authorization);
      assert.equal(typeof json.errorMessage, "string");
    }
  });

  await t.step("rejects bad fields the way servicedeskapi does", async () => {
    const { response, json } = await create("  ");
    assert.equal(response.status, 400);
    assert.match(json.errorMessage, /valid value for field 'Summary'/);
    assert.equal(typeof json.i18nErrorMessage.i18nKey, "string");
    assert.equal((await create("x".repeat(256))).response.status, 400);
    assert.equal(
      (await create("ok", { raiseOnBehalfOf: "nobody" })).response.status,
      400,
    );
    assert.equal(
      (await create("ok", { serviceDeskId: "2" })).response.status,
      404,
    );
    assert.equal(
      (await create("ok", { requestTypeId: "11" })).response.status,
      404,
    );
  });

  await t.step(
    "searches summaries, pages, and filters by ownership",
    async () => {
      await create("[HD-3] For Ada", {
        raiseOnBehalfOf: FAKE_CUSTOMER.accountId,
      });
      const search = (query: string) => call("GET", `${REQUESTS}?${query}`);
      const all = await search(
        "searchTerm=%22HD-3%22&requestOwnership=ALL_REQUESTS",
      );
      assert.deepEqual(
        all.json.values.map((v: { issueKey: string }) => v.issueKey),
        ["IT-3"],
      );
      // Raised on Ada's behalf: not the agent's own request.
      assert.equal((await search("searchTerm=HD-3")).json.values.length, 0);
      const page = await search(
        "requestOwnership=ALL_REQUESTS&start=1&limit=1",
      );
      assert.deepEqual(
        [
          page.json.size,
          page.json.start,
          page.json.limit,
          page.json.isLastPage,
        ],
        [1, 1, 1, false],
      );
      assert.equal(page.json.values[0].issueKey, "IT-2");
    },
  );

  await t.step(
    "customers get only customer transitions; agents get every step",
    async () => {
      const customer = `${REQUESTS}/IT-1/transition`;
      const listed = (await call("GET", customer)).json.values;
      assert.deepEqual(listed.map((v: { name: string }) => v.name), [
        "Resolve this issue",
      ]);
      // An agent step through the customer resource is refused.
      assert.equal(
        (await call("POST", customer, { id: "11" })).response.status,
        400,
      );
      assert.equal(jsm.requests.get("IT-1")!.status, "Waiting for support");
      const agent = "/rest/api/3/issue/IT-1/transitions";
      const { json } = await call("GET", agent);
      assert.deepEqual(
        json.transitions.map((t: { name: string; to: { name: string } }) =>
          `${t.name} → ${t.to.name}`
        ),
        [
          "In progress → In progress",
          "Waiting for customer → Waiting for customer",
          "Resolve this issue → Resolved",
        ],
      );
      assert.equal(json.transitions[2].to.statusCategory.key, "done");
      for (const id of ["11", "31", "61", "31", "51"]) {
        const moved = await call("POST", agent, { transition: { id } });
        assert.equal(moved.response.status, 204, id);
      }
      assert.equal(jsm.requests.get("IT-1")!.status, "Closed");
      assert.deepEqual((await call("GET", agent)).json.transitions, []);
      const refused = await call("POST", agent, { transition: { id: "61" } });
      assert.equal(refused.response.status, 400);
      assert.equal(refused.json.errorMessages.length, 1);
      const missing = await call("GET", "/rest/api/3/issue/IT-404/transitions");
      assert.deepEqual(missing.json, {
        errorMessages: [
          "Issue does not exist or you do not have permission to see it.",
        ],
        errors: {},
      });
      await call("POST", `${REQUESTS}/IT-2/transition`, {
        id: "31",
        additionalComment: { body: "Fixed." },
      });
      assert.deepEqual(jsm.requests.get("IT-2")!.comments.map((c) => c.body), [
        "Fixed.",
      ]);
    },
  );

  await t.step("JQL search lags new requests, as Jira's does", async () => {
    const search = (query: string) =>
      call("GET", `/rest/api/3/search/jql?${query}`);
    const jql = encodeURIComponent(
      'summary ~ "\\"HD-9\\"" ORDER BY created ASC',
    );
    jsm.searchLagMs = 60_000;
    await create("[HD-9] Fresh");
    const fresh = await search(`jql=${jql}&fields=summary`);
    assert.equal(fresh.response.status, 200);
    assert.deepEqual(fresh.json, { issues: [], isLast: true });
    // reconcileIssues makes named issues visible at once (Atlassian docs).
    const id = [...jsm.requests.values()].at(-1)!.issueId;
    const reconciled = await search(
      `jql=${jql}&fields=summary&reconcileIssues=${id}`,
    );
    assert.equal(reconciled.json.issues[0].fields.summary, "[HD-9] Fresh");
    jsm.searchLagMs = 0;
    const page = await search(`jql=${jql}&fields=summary,status&maxResults=1`);
    assert.deepEqual(page.json.issues[0].fields, {
      summary: "[HD-9] Fresh",
      status: { name: "Waiting for support" },
    });
    const all = await search(
      `jql=${
        encodeURIComponent("project = IT ORDER BY created DESC")
      }&maxResults=2`,
    );
    assert.equal(all.json.isLast, false);
    assert.deepEqual(all.json.issues.map((i: { key: string }) => i.key), [
      "IT-4",
      "IT-3",
    ]);
    assert.equal(all.json.issues[0].fields, undefined, "only ids by default");
    const next = await search(
      `jql=${
        encodeURIComponent("project = IT ORDER BY created DESC")
      }&maxResults=2&nextPageToken=${all.json.nextPageToken}`,
    );
    assert.deepEqual(next.json.issues.map((i: { key: string }) => i.key), [
      "IT-2",
      "IT-1",
    ]);
    const posted = await call("POST", "/rest/api/3/search/jql", {
      jql: 'summary ~ "\\"HD-9\\""',
      fields: ["summary"],
    });
    assert.equal(posted.json.issues.length, 1);
    for (const bad of ["", "assignee = currentUser()"]) {
      const refused = await search(`jql=${encodeURIComponent(bad)}`);
      assert.equal(refused.response.status, 400, bad);
    }
  });

  await t.step(
    "the removed search endpoints answer 410, as Jira Cloud does",
    async () => {
      for (const version of ["2", "3"]) {
        const gone = await call(
          "GET",
          `/rest/api/${version}/search?jql=project%20%3D%20IT`,
        );
        assert.equal(gone.response.status, 410);
        assert.match(
          gone.json.errorMessages[0],
          /migrate to the \/rest\/api\/3\/search\/jql API/,
        );
      }
    },
  );

  await t.step("keeps public and internal comments apart", async () => {
    const posted = await call("POST", `${REQUESTS}/IT-3/comment`, {
      body: "internal note",
      public: false,
    });
    assert.equal(posted.response.status, 201);
    assert.equal(posted.json.public, false);
    const listed = await call("GET", `${REQUESTS}/IT-3/comment`);
    assert.equal(listed.json.values[0].body, "internal note");
    assert.equal(
      (await call("GET", `${REQUESTS}/IT-404`)).response.status,
      404,
    );
  });

  await t.step(
    "injects failures with Retry-After, a count and a body",
    async () => {
      jsm.fail(`${REQUESTS}/*`, {
        status: 429,
        retryAfter: 7,
        times: 2,
        method: "GET",
      });
      for (let i = 0; i < 2; i++) {
        const { response } = await call("GET", `${REQUESTS}/IT-1`);
        assert.equal(response.status, 429);
        assert.equal(response.headers.get("retry-after"), "7");
      }
      assert.equal(
        (await call("GET", `${REQUESTS}/IT-1`)).response.status,
        200,
      );
      jsm.fail(/\/comment$/, { status: 500, body: { errorMessage: "boom" } });
      const failed = await call("POST", `${REQUESTS}/IT-1/comment`, {
        body: "x",
      });
      assert.deepEqual([failed.response.status, failed.json], [500, {
        errorMessage: "boom",
      }]);
      assert.equal(jsm.requests.get("IT-1")!.comments.length, 0);
    },
  );

  await t.step(
    "rate-limits a request's reads as Jira Cloud does, until the wait is over",
    async () => {
      const start = Date.now();
      jsm.now = () => start;
      jsm.rateLimit(`${REQUESTS}/*`, { retryAfter: 30, method: "GET" });
      const first = await call("GET", `${REQUESTS}/IT-1`);
      assert.equal(first.response.status, 429);
      assert.equal(first.response.headers.get("retry-after"), "30");
      assert.equal(
        first.response.headers.get("ratelimit-reason"),
        "jira-burst-based",
      );
      assert.match(
        first.response.headers.get("x-ratelimit-reset")!,
        /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/,
      );
      assert.equal(first.json, undefined, "no body: none is documented");
      // Asked again too soon: refused again, with the wait that is left.
      jsm.now = () => start + 20_500;
      const again = await call("GET", `${REQUESTS}/IT-1`);
      assert.equal(again.response.status, 429);
      assert.equal(again.response.headers.get("retry-after"), "10");
      jsm.now = () => start + 30_000;
      const after = await call("GET", `${REQUESTS}/IT-1`);
      assert.equal(after.response.status, 200);
      assert.equal(
        after.json.currentStatus.status,
        jsm.requests.get("IT-1")!.status,
      );
      jsm.clearFailures();
      jsm.now = Date.now;
    },
  );

  await t.step("records calls, and adds latency", async () => {
    jsm.calls.length = 0;
    jsm.latencyMs = 30;
    await call("GET", `${REQUESTS}/IT-1`);
    jsm.latencyMs = 0;
    const [recorded] = jsm.calls;
    assert.equal(recorded.method, "GET");
    assert.equal(recorded.path, `${REQUESTS}/IT-1`);
    assert.equal(recorded.auth, "basic");
    assert.equal(recorded.status, 200);
    assert.ok(recorded.endedAt - recorded.startedAt >= 25);
  });
});

Deno.test("the fake JSM's OAuth side acts like Atlassian's gateway", async (t) => {
  await using jsm = await startFakeJsm({
    scopes: ["read:servicedesk-request"],
  });
  const bearer = { authorization: `Bearer ${jsm.options.accessToken}` };
  const get = (path: string, headers: Record<string, string> = bearer) =>
    fetch(`${jsm.baseUrl}${path}`, { headers });

  await t.step(
    "lists the granted site with its cloud id and scopes",
    async () => {
      const response = await get("/oauth/token/accessible-resources");
      const [site] = await response.json();
      assert.equal(site.id, jsm.options.cloudId);
      assert.deepEqual(site.scopes, ["read:servicedesk-request"]);
      const denied = await get("/oauth/token/accessible-resources", {
        authorization: "Bearer nope",
      });
      assert.equal(denied.status, 401);
      await denied.body?.cancel();
    },
  );

  await t.step("Bearer tokens work only under /ex/jira/{cloudId}", async () => {
    const onSite = await get(`${REQUESTS}?requestOwnership=ALL_REQUESTS`);
    assert.equal(onSite.status, 401);
    await onSite.body?.cancel();
    const wrongSite = await get(`/ex/jira/other-cloud${REQUESTS}`);
    assert.equal(wrongSite.status, 404);
    await wrongSite.body?.cancel();
    const ok = await get(`/ex/jira/${jsm.options.cloudId}${REQUESTS}`);
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).size, 0);
  });

  await t.step(
    "Jira's own endpoints want the jira-work scopes",
    async () => {
      const response = await get(
        `/ex/jira/${jsm.options.cloudId}/rest/api/3/search/jql?jql=project%20%3D%20IT`,
      );
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), {
        code: 401,
        message: "Unauthorized; scope does not match",
      });
    },
  );

  await t.step(
    "a write without the write scope: scope does not match",
    async () => {
      const response = await fetch(
        `${jsm.baseUrl}/ex/jira/${jsm.options.cloudId}${REQUESTS}`,
        { method: "POST", headers: bearer, body: "{}" },
      );
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), {
        code: 401,
        message: "Unauthorized; scope does not match",
      });
    },
  );
});
