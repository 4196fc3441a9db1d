import assert from "node:assert/strict";
import handler from "./handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "./definition.ts";
import {
  clientFor,
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { JSM_SEARCH_SETTLE_SECONDS } from "../../helpdesk/tickets/jsm_sync.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

async function newTicket(slack: FakeSlack, summary = "VPN drops hourly") {
  const { ticket } = await openTicket(
    clientFor(slack),
    {
      summary,
      description: "Since Monday.",
      priority: "high",
      category: "Network",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { syncToJsm: true },
  );
  slack.clearCalls();
  return ticket;
}

const cardText = (slack: FakeSlack, ticket: Ticket) =>
  JSON.stringify(
    slack.workspace.messagesIn(TRIAGE).find((m) => m.ts === ticket.card_ts)
      ?.blocks,
  );

Deno.test("sync_ticket_to_jsm", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const env = jsm.apiTokenEnv();
  const sync = (
    ticket_id: string,
    extra: Record<string, string> = {},
    inputs: Record<string, unknown> = {},
  ) =>
    handler(
      functionContext(
        SYNC_TO_JSM_CALLBACK_ID,
        slack,
        { ticket_id, ...inputs },
        { ...env, ...extra },
      ),
    );

  await t.step(
    "a new ticket is queued, then created in JSM with one call",
    async () => {
      const ticket = await newTicket(slack);
      assert.equal(ticket.jsm_sync, "pending");
      assert.match(cardText(slack, ticket), /Syncing…/);
      jsm.calls.length = 0;
      const result = await sync(ticket.id);
      assert.deepEqual(result.outputs, {
        sync_state: "synced",
        jsm_key: "IT-1",
        jsm_url: `${jsm.baseUrl}/servicedesk/customer/portal/1/IT-1`,
      });
      assert.deepEqual(jsm.calls.map((c) => `${c.method} ${c.path}`), [
        "POST /rest/servicedeskapi/request",
      ]);
      const request = jsm.requests.get("IT-1")!;
      assert.equal(request.summary, `[${ticket.key}] VPN drops hourly`);
      assert.match(request.description, /^Since Monday\.\n----\n/);
      assert.equal(request.status, "Waiting for support");
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.jsm_key, "IT-1");
      assert.equal(saved.jsm_sync, "synced");
      assert.equal(saved.jsm_status, "Waiting for support");
      // On the card, in the thread and in the requester's DM.
      assert.match(cardText(slack, ticket), /IT-1/);
      const [reply] = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!);
      assert.match(
        reply.text,
        /mirrored in Jira Service Management as <.*\|IT-1>/,
      );
      const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
      assert.match(
        dm.text,
        /also tracked in Jira Service Management as <.*\|IT-1>/,
      );
    },
  );

  await t.step(
    "running it again changes nothing and calls JSM not at all",
    async () => {
      const saved = await storedTicket(slack, (await newTicket(slack)).id);
      await sync(saved.id);
      jsm.calls.length = 0;
      const again = await sync(saved.id);
      assert.equal(again.outputs?.sync_state, "synced");
      assert.equal(jsm.calls.length, 0);
      assert.equal(jsm.requests.size, 2);
    },
  );

  await t.step(
    "a status change in Slack transitions the JSM request",
    async () => {
      const ticket = await newTicket(slack);
      await sync(ticket.id);
      const key = (await storedTicket(slack, ticket.id)).jsm_key!;
      const claimed = await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "claim" },
        PEOPLE.agent,
      );
      assert.ok(claimed.ok);
      assert.equal(claimed.ticket.jsm_sync, "pending");
      await sync(ticket.id);
      assert.equal(jsm.requests.get(key)!.status, "In progress");
      await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "resolve" },
        PEOPLE.agent,
      );
      await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "close" },
        PEOPLE.agent,
      );
      await sync(ticket.id);
      assert.equal(jsm.requests.get(key)!.status, "Closed");
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.jsm_status, "Closed");
      assert.equal(saved.jsm_sync, "synced");
    },
  );

  /** As if the create had been sent `minutes` ago, and JSM's clock too. */
  const age = async (ticket: Ticket, minutes: number) => {
    const stored = await storedTicket(slack, ticket.id);
    await updateTicketFields(clientFor(slack), ticket.id, {
      jsm_create_sent_at: stored.jsm_create_sent_at! - minutes * 60,
    });
    jsm.now = () => Date.now() + minutes * 60_000;
  };
  const requestsFor = (ticket: Ticket) =>
    [...jsm.requests.values()].filter((r) =>
      r.summary.startsWith(`[${ticket.key}]`)
    );
  const posts = () =>
    jsm.callsTo("POST", "/rest/servicedeskapi/request").length;

  await t.step(
    "a lost create is never made twice while Jira's search lags",
    async () => {
      jsm.searchLagMs = 10 * 60_000;
      const ticket = await newTicket(slack, "Create lands, answer lost");
      // JSM makes the request, then answers after the attempt gave up.
      jsm.slowOnce("/rest/servicedeskapi/request", 9_000, "POST");
      const first = await sync(ticket.id);
      assert.equal(first.outputs?.sync_state, "pending");
      assert.match(String(first.outputs?.problem), /did not answer in time/);
      assert.equal(requestsFor(ticket).length, 1);
      const pending = await storedTicket(slack, ticket.id);
      assert.equal(pending.jsm_create_sent, true);
      assert.ok(
        Math.abs(pending.jsm_create_sent_at! - Date.now() / 1000) < 30,
      );
      assert.equal(pending.jsm_attempts, 1);
      // A moment later the search finds nothing: that proves nothing.
      const sent = posts();
      for (let i = 0; i < 3; i++) {
        const again = await sync(ticket.id);
        assert.equal(again.outputs?.sync_state, "pending");
        assert.match(String(again.outputs?.problem), /looks again after/);
      }
      assert.equal(posts(), sent, "no second create");
      const waiting = await storedTicket(slack, ticket.id);
      assert.equal(waiting.jsm_attempts, 1, "waiting is not failing");
      assert.equal(
        waiting.jsm_retry_at,
        pending.jsm_create_sent_at! + JSM_SEARCH_SETTLE_SECONDS,
      );
      // Sixteen minutes on, the search shows it: linked, not made again.
      await age(ticket, 16);
      const later = await sync(ticket.id);
      assert.equal(later.outputs?.sync_state, "synced");
      assert.equal(requestsFor(ticket).length, 1);
      assert.equal(posts(), sent);
      const linked = await storedTicket(slack, ticket.id);
      assert.equal(linked.jsm_key, requestsFor(ticket)[0].issueKey);
      assert.equal(linked.jsm_create_sent, undefined);
      assert.equal(linked.jsm_create_sent_at, undefined);
      // Agents heard about the failure once, and about the link once.
      const replies = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!);
      assert.equal(
        replies.filter((r) =>
          /is not in Jira Service Management yet/.test(r.text)
        ).length,
        1,
      );
      assert.match(replies.at(-1)!.text, /after 1 failed attempt\./);
      jsm.now = Date.now;
    },
  );

  await t.step(
    "a create that never landed is made once the search has settled",
    async () => {
      const ticket = await newTicket(slack, "503 on create");
      jsm.fail("/rest/servicedeskapi/request", { status: 503, method: "POST" });
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
      assert.equal(requestsFor(ticket).length, 0);
      assert.equal(
        (await storedTicket(slack, ticket.id)).jsm_create_sent,
        true,
      );
      const sent = posts();
      assert.match(
        String((await sync(ticket.id)).outputs?.problem),
        /looks again after/,
      );
      assert.equal(posts(), sent);
      await age(ticket, 16);
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
      assert.equal(requestsFor(ticket).length, 1);
      jsm.now = Date.now;
    },
  );

  await t.step(
    "a run that dies just after JSM made the request does not make another",
    async () => {
      const ticket = await newTicket(slack, "Link not saved");
      // Every save of the link fails, as if the run died after the create.
      slack.fail({
        method: "apps.datastore.update",
        error: "internal_error",
        times: 2,
        when: (args) =>
          (args.item as Record<string, unknown> | undefined)?.jsm_key !==
            undefined,
      });
      await assert.rejects(async () => await sync(ticket.id));
      assert.equal(requestsFor(ticket).length, 1);
      const marked = await storedTicket(slack, ticket.id);
      assert.equal(marked.jsm_key, undefined);
      assert.equal(marked.jsm_create_sent, true, "recorded before sending");
      const sent = posts();
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
      await age(ticket, 16);
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
      assert.equal(requestsFor(ticket).length, 1);
      assert.equal(posts(), sent);
      jsm.now = Date.now;
    },
  );

  await t.step(
    "a request made, then a failure moving it: the link is kept and shown",
    async () => {
      jsm.searchLagMs = 2_000;
      const ticket = await newTicket(slack, "Created, not moved");
      await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "claim" },
        PEOPLE.agent,
      );
      jsm.fail(/\/transitions$/, {
        status: 500,
        method: "GET",
        times: Infinity,
      });
      const result = await sync(ticket.id);
      jsm.clearFailures();
      assert.equal(result.outputs?.sync_state, "pending");
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.jsm_key, requestsFor(ticket)[0].issueKey);
      assert.equal(stored.jsm_create_sent, undefined);
      assert.match(cardText(slack, ticket), new RegExp(stored.jsm_key!));
      const sent = posts();
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
      assert.equal(posts(), sent, "moved, not created again");
      assert.equal(jsm.requests.get(stored.jsm_key!)!.status, "In progress");
    },
  );

  await t.step(
    "a card button's sync moves a linked request but never creates one",
    async () => {
      const ticket = await newTicket(slack, "Claimed before linked");
      jsm.calls.length = 0;
      const early = await sync(ticket.id, {}, { create_if_missing: false });
      assert.equal(early.outputs?.sync_state, "pending");
      assert.equal(jsm.calls.length, 0);
      assert.equal((await storedTicket(slack, ticket.id)).jsm_sync, "pending");
      // The opening sync and a card button's, at the same instant (jittered
      // by up to 5 ms), 30 times: one request each time.
      for (let round = 0; round < 30; round++) {
        const racing = await newTicket(slack, `Race ${round}`);
        const jitter = () =>
          new Promise((r) => setTimeout(r, Math.random() * 5));
        await Promise.all([
          jitter().then(() => sync(racing.id)),
          jitter().then(() =>
            sync(racing.id, {}, { create_if_missing: false })
          ),
        ]);
        assert.equal(requestsFor(racing).length, 1, `round ${round}`);
        assert.equal((await storedTicket(slack, racing.id)).jsm_sync, "synced");
      }
    },
  );

  await t.step(
    "a change made while JSM is being moved is not marked synced",
    async () => {
      const ticket = await newTicket(slack, "Changed mid-sync");
      await sync(ticket.id);
      const key = (await storedTicket(slack, ticket.id)).jsm_key!;
      await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "claim" },
        PEOPLE.agent,
      );
      jsm.slowOnce(`/rest/api/3/issue/${key}/transitions`, 300, "POST");
      const moving = sync(ticket.id);
      await new Promise((r) => setTimeout(r, 150));
      await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "wait" },
        PEOPLE.agent,
      );
      await moving;
      assert.equal(jsm.requests.get(key)!.status, "In progress");
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.status, "waiting_on_requester");
      assert.equal(stored.jsm_sync, "pending", "JSM still owes the wait");
      await sync(ticket.id);
      assert.equal(jsm.requests.get(key)!.status, "Waiting for customer");
      assert.equal((await storedTicket(slack, ticket.id)).jsm_sync, "synced");
    },
  );

  await t.step(
    "status changes go through agent transitions, which customers lack",
    async () => {
      const ticket = await newTicket(slack, "Agent steps");
      await sync(ticket.id);
      const key = (await storedTicket(slack, ticket.id)).jsm_key!;
      for (
        const [action, status] of [
          ["claim", "In progress"],
          ["wait", "Waiting for customer"],
        ] as const
      ) {
        await changeTicket(
          clientFor(slack),
          ticket.id,
          { type: action },
          PEOPLE.agent,
        );
        await sync(ticket.id);
        assert.equal(jsm.requests.get(key)!.status, status);
      }
      assert.ok(
        jsm.callsTo("POST", `/rest/api/3/issue/${key}/transitions`).length >= 2,
      );
      assert.equal(
        jsm.callsTo("POST", `/rest/servicedeskapi/request/${key}/transition`)
          .length,
        0,
      );
    },
  );

  await t.step(
    "without the Transition issues permission, the thread says so",
    async () => {
      await using locked = await startFakeJsm({ transitionPermission: false });
      const ticket = await newTicket(slack, "No permission");
      const run = () =>
        handler(
          functionContext(
            SYNC_TO_JSM_CALLBACK_ID,
            slack,
            { ticket_id: ticket.id },
            locked.apiTokenEnv(),
          ),
        );
      await run();
      await changeTicket(
        clientFor(slack),
        ticket.id,
        { type: "claim" },
        PEOPLE.agent,
      );
      await run();
      const reply = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!;
      assert.match(reply.text, /Transition issues permission/);
    },
  );

  await t.step(
    "401, 403 and 400 say what to fix, and the ticket waits",
    async () => {
      const cases: Array<[number, unknown, RegExp]> = [
        [
          401,
          undefined,
          /JSM rejected the credentials of agent@acme\.test \(HTTP 401\).*slack env add JSM_API_TOKEN/,
        ],
        [
          403,
          undefined,
          /may not do this \(HTTP 403\): the account must be an agent on service desk 1/,
        ],
        [
          400,
          { errorMessage: "Please provide a valid value for field 'Summary'" },
          /JSM rejected the field "summary"/,
        ],
      ];
      for (const [status, body, expected] of cases) {
        const ticket = await newTicket(slack, `Fails with ${status}`);
        const before = jsm.requests.size;
        jsm.fail("/rest/servicedeskapi/request", {
          status,
          body,
          method: "POST",
        });
        const result = await sync(ticket.id);
        assert.equal(result.outputs?.sync_state, "pending");
        assert.match(String(result.outputs?.problem), expected);
        const saved = await storedTicket(slack, ticket.id);
        assert.equal(saved.jsm_sync, "pending");
        // A refused create surely made nothing: no search is needed later.
        assert.notEqual(saved.jsm_create_sent, true);
        assert.ok(saved.jsm_retry_at! > Math.floor(Date.now() / 1000) + 200);
        assert.equal(jsm.requests.size, before);
        const note = slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!;
        assert.match(note.text, /is not in Jira Service Management yet/);
      }
    },
  );

  await t.step(
    "a Retry-After longer than the budget gives up at once",
    async () => {
      const ticket = await newTicket(slack, "Rate limited");
      jsm.fail("/rest/servicedeskapi/request", {
        status: 429,
        retryAfter: 30,
        method: "POST",
      });
      const started = Date.now();
      const result = await sync(ticket.id);
      assert.ok(Date.now() - started < 2_000);
      assert.match(String(result.outputs?.problem), /asked to wait 30 s/);
    },
  );

  await t.step("without a ticket id the step does nothing", async () => {
    const result = await handler(
      functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, {}, env),
    );
    assert.deepEqual(result.outputs, { sync_state: "skipped" });
  });

  await t.step("an unknown ticket and a missing setup are errors", async () => {
    assert.equal(
      (await sync("nope")).error,
      'No Helpdesk ticket has the id "nope".',
    );
    const off = await sync("nope", { JSM_AUTH: "off" });
    assert.match(
      String(off.error),
      /^Jira Service Management is not set up for Helpdesk/,
    );
    const noSite = await sync("nope", { JSM_SITE: "" });
    assert.match(String(noSite.error), /JSM_SITE is not set/);
  });

  await t.step(
    "OAuth: the token comes from external auth and calls go through the gateway",
    async () => {
      slack.externalTokens.set("Et-atlassian", jsm.options.accessToken);
      const ticket = await newTicket(slack, "Through OAuth");
      jsm.calls.length = 0;
      const result = await handler(
        functionContext(
          SYNC_TO_JSM_CALLBACK_ID,
          slack,
          { ticket_id: ticket.id, jsm_access_token: "Et-atlassian" },
          jsm.oauthEnv(),
        ),
      );
      assert.equal(result.outputs?.sync_state, "synced");
      assert.deepEqual(
        jsm.calls.map((c) => `${c.auth} ${c.method} ${c.path}`),
        [
          "bearer GET /oauth/token/accessible-resources",
          "bearer POST /rest/servicedeskapi/request",
        ],
      );
      const noToken = await handler(
        functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, {
          ticket_id: ticket.id,
        }, jsm.oauthEnv()),
      );
      assert.match(String(noToken.error), /got no Atlassian token/);
      const unknown = await handler(
        functionContext(
          SYNC_TO_JSM_CALLBACK_ID,
          slack,
          { ticket_id: ticket.id, jsm_access_token: "Et-unknown" },
          jsm.oauthEnv(),
        ),
      );
      assert.match(String(unknown.error), /slack external-auth add/);
    },
  );
});
