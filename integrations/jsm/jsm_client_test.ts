import assert from "node:assert/strict";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { JsmClient } from "./jsm_client.ts";
import {
  createRequest,
  getRequest,
  jsmSummary,
  type NewJsmRequest,
} from "./customer_requests.ts";
import { addComment } from "./request_comments.ts";
import { findRequestByHelpdeskKey } from "./request_search.ts";
import { transitionTo } from "./transitions.ts";

const PRINTER: NewJsmRequest = {
  helpdeskKey: "HD-7K3QX2",
  summary: "Printer on 3rd floor is jammed",
  description: "It blinks orange.",
};
const REQUESTS = "/rest/servicedeskapi/request";

Deno.test("JsmClient with an API token, against the fake JSM", async (t) => {
  await using jsm = await startFakeJsm();
  const client = new JsmClient(jsm.apiTokenConfig());

  await t.step(
    "creates a request whose summary leads with the Helpdesk key",
    async () => {
      const created = await createRequest(client, PRINTER);
      assert.equal(created.issueKey, "IT-1");
      assert.equal(
        created.summary,
        "[HD-7K3QX2] Printer on 3rd floor is jammed",
      );
      assert.equal(created.status, "Waiting for support");
      assert.equal(created.statusCategory, "NEW");
      assert.equal(
        created.webUrl,
        `${jsm.baseUrl}/servicedesk/customer/portal/1/IT-1`,
      );
      const [call] = jsm.callsTo("POST", REQUESTS);
      assert.equal(call.auth, "basic");
      assert.deepEqual(call.body, {
        serviceDeskId: "1",
        requestTypeId: "10",
        requestFieldValues: {
          summary: "[HD-7K3QX2] Printer on 3rd floor is jammed",
          description: "It blinks orange.",
        },
      });
    },
  );

  await t.step(
    "finds a request by its Helpdesk key through JQL, once the index shows it",
    async () => {
      // Longer than a busy machine takes to get from the creates to the
      // search below, which the default 2 s lag is not.
      jsm.searchLagMs = 60_000;
      await createRequest(client, {
        helpdeskKey: "HD-AAAAA2",
        summary: "VPN drops",
        description: "",
      });
      await createRequest(client, {
        helpdeskKey: "HD-BBBBB3",
        summary: "Follow-up of HD-7K3QX2",
        description: "",
      });
      // Just created: Jira's search does not show them yet.
      assert.equal(
        await findRequestByHelpdeskKey(client, "HD-7K3QX2"),
        undefined,
      );
      jsm.searchLagMs = 0;
      const found = await findRequestByHelpdeskKey(client, "HD-7K3QX2");
      assert.equal(found?.issueKey, "IT-1", "only the one it leads");
      assert.equal(found?.serviceDeskId, "1");
      assert.equal(found?.status, "Waiting for support");
      const search = jsm.callsTo("GET", "/rest/api/3/search/jql").at(-1)!;
      assert.equal(
        search.query.get("jql"),
        'summary ~ "\\"HD-7K3QX2\\"" ORDER BY created ASC',
      );
      assert.equal(search.query.get("fields"), "summary");
      assert.equal(
        (await findRequestByHelpdeskKey(client, "HD-AAAAA2"))?.issueKey,
        "IT-2",
      );
      assert.equal(
        await findRequestByHelpdeskKey(client, "HD-NOPE00"),
        undefined,
      );
      // Nothing asks servicedeskapi's deprecated ALL_REQUESTS search.
      assert.equal(jsm.callsTo("GET", REQUESTS).length, 0);
    },
  );

  await t.step("reads a request", async () => {
    const request = await getRequest(client, "IT-2");
    assert.equal(request.summary, "[HD-AAAAA2] VPN drops");
    assert.equal((await getRequest(client, "10001")).issueKey, "IT-1");
  });

  await t.step("comments publicly or internally", async () => {
    await addComment(client, "IT-1", "We are on it.", true);
    await addComment(client, "IT-1", "Toner supplier is late.", false);
    assert.deepEqual(
      jsm.requests.get("IT-1")!.comments.map((c) => [c.body, c.public]),
      [["We are on it.", true], ["Toner supplier is late.", false]],
    );
  });

  await t.step(
    "moves requests with the agent's transitions, by the status they lead to",
    async () => {
      assert.equal(
        await transitionTo(client, "IT-1", "In progress"),
        "transitioned",
      );
      assert.equal(
        await transitionTo(client, "IT-1", "in progress"),
        "already",
      );
      assert.equal(
        await transitionTo(client, "IT-1", "Resolved"),
        "transitioned",
      );
      assert.equal(
        await transitionTo(client, "IT-1", "Closed"),
        "transitioned",
      );
      assert.equal(jsm.requests.get("IT-1")!.status, "Closed");
      assert.equal(
        await transitionTo(client, "IT-1", "Waiting for support", ["Reopen"]),
        "no_transition",
      );
      assert.deepEqual(
        jsm.callsTo("POST", "/rest/api/3/issue/IT-1/transitions").map((c) =>
          c.body
        ),
        [
          { transition: { id: "11" } },
          { transition: { id: "31" } },
          { transition: { id: "51" } },
        ],
      );
      // The customer transition resource is never used.
      assert.equal(jsm.callsTo("GET", `${REQUESTS}/IT-1/transition`).length, 0);
      assert.equal(
        jsm.callsTo("POST", `${REQUESTS}/IT-1/transition`).length,
        0,
      );
    },
  );

  await t.step(
    "a name leads where the status names differ",
    async () => {
      assert.equal(
        await transitionTo(client, "IT-2", "Cancelled", ["Resolve this issue"]),
        "transitioned",
      );
      assert.equal(jsm.requests.get("IT-2")!.status, "Resolved");
    },
  );

  await t.step("summaries are cut to Jira's 255 characters", () => {
    const long = jsmSummary("HD-1", "x".repeat(400));
    assert.equal(long.length, 255);
    assert.ok(long.startsWith("[HD-1] xxx") && long.endsWith("…"));
    assert.equal(jsmSummary("HD-1", "  two\n lines "), "[HD-1] two lines");
  });
});

Deno.test("JsmClient with OAuth, through the gateway", async (t) => {
  await using jsm = await startFakeJsm();
  const cloudId = jsm.options.cloudId;

  await t.step(
    "discovers the cloud id once, then calls /ex/jira/{cloudId}",
    async () => {
      const client = new JsmClient(jsm.oauthConfig());
      assert.equal(await client.resolveCloudId(), cloudId);
      const created = await createRequest(client, PRINTER);
      assert.equal(created.issueKey, "IT-1");
      await addComment(client, "IT-1", "Hello", true);
      assert.equal(
        jsm.callsTo("GET", "/oauth/token/accessible-resources").length,
        1,
      );
      const apiCalls = jsm.calls.filter((c) => c.path.startsWith("/rest/"));
      assert.ok(apiCalls.every((c) => c.auth === "bearer"));
      assert.equal(
        created.webUrl,
        `${jsm.baseUrl}/servicedesk/customer/portal/1/IT-1`,
      );
    },
  );

  await t.step("a configured cloud id skips discovery", async () => {
    jsm.calls.length = 0;
    const client = new JsmClient(
      jsm.oauthConfig({
        auth: { kind: "oauth", accessToken: jsm.options.accessToken, cloudId },
      }),
    );
    assert.equal((await getRequest(client, "IT-1")).issueKey, "IT-1");
    assert.deepEqual(jsm.calls.map((c) => c.path), [`${REQUESTS}/IT-1`]);
  });

  await t.step(
    "searches and transitions through the gateway too",
    async () => {
      jsm.searchLagMs = 0;
      const client = new JsmClient(jsm.oauthConfig());
      const found = await findRequestByHelpdeskKey(client, "HD-7K3QX2");
      assert.equal(found?.issueKey, "IT-1");
      assert.equal(
        await transitionTo(client, "IT-1", "Resolved"),
        "transitioned",
      );
      const platform = jsm.calls.filter((c) => c.path.startsWith("/rest/api/"));
      assert.ok(platform.length >= 3);
      assert.ok(platform.every((c) => c.auth === "bearer"));
    },
  );
});
