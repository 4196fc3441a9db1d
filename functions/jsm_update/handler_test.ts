import assert from "node:assert/strict";
import { jsmCommentBody } from "../../helpdesk/tickets/jsm_comments.ts";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openSyncedTicket } from "../../dev/testing/jsm_fixtures.ts";

const SECRET = "s3cret-s3cret-s3cret-s3cret";

Deno.test("receive_jsm_update", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { env, ticket } = await openSyncedTicket(slack, jsm, SECRET, {
    summary: "Laptop won't boot",
    priority: "high",
  });
  const receive = (inputs: Record<string, string>, extraEnv = {}) =>
    handler(
      functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
        secret: SECRET,
        issue_key: "IT-1",
        ...inputs,
      }, { ...env, ...extraEnv }),
    );
  const thread = () => slack.workspace.repliesTo(TRIAGE, ticket.card_ts!);
  const dms = () => slack.workspace.dmsTo(PEOPLE.requester);

  await t.step("a wrong, missing or weak secret changes nothing", async () => {
    const before = await storedTicket(slack, ticket.id);
    slack.clearCalls();
    const wrong = await receive({ secret: "guess", status: "Resolved" });
    assert.equal(
      wrong.error,
      "The JSM update's secret does not match JSM_WEBHOOK_SECRET, so it was ignored.",
    );
    const unset = await receive({ status: "Resolved" }, {
      JSM_WEBHOOK_SECRET: "",
    });
    assert.match(String(unset.error), /^JSM_WEBHOOK_SECRET is not set/);
    const weak = await receive({ secret: "short", status: "Resolved" }, {
      JSM_WEBHOOK_SECRET: "short",
    });
    assert.match(String(weak.error), /shorter than 24 characters/);
    assert.deepEqual(await storedTicket(slack, ticket.id), before);
    assert.equal(slack.calls.length, 0, "not even a read");
  });

  await t.step(
    "a status change from JSM moves the ticket and tells everyone",
    async () => {
      const dmCount = dms().length;
      const result = await receive({ status: "Resolved" });
      assert.equal(result.outputs?.result, "status set to resolved");
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.status, "resolved");
      assert.equal(saved.jsm_status, "Resolved");
      assert.ok(saved.resolved_at);
      // Not queued back to JSM: it is JSM's own change.
      assert.notEqual(saved.jsm_sync, "pending");
      assert.match(
        thread().at(-1)!.text,
        /Jira Service Management moved .* to Resolved \(“Resolved” in <.*\|IT-1>\)/,
      );
      assert.equal(dms().length, dmCount + 1);
      assert.match(
        dms().at(-1)!.text,
        /Set to Resolved in Jira Service Management\./,
      );
    },
  );

  await t.step("the echo of a change is ignored quietly", async () => {
    slack.clearCalls();
    const result = await receive({ status: "Resolved" });
    assert.equal(result.outputs?.result, "nothing to do");
    assert.equal(slack.callsTo("chat.postMessage").length, 0);
  });

  await t.step(
    "public comments reach the thread and the requester; internal ones don't",
    async () => {
      const dmCount = dms().length;
      const result = await receive({
        comment: "Please bring it to desk 4 <!channel>",
        comment_author: "Grace (IT)",
        comment_public: "true",
      });
      assert.equal(result.outputs?.result, "comment relayed");
      assert.match(
        thread().at(-1)!.text,
        /Grace \(IT\) commented on <.*\|IT-1>/,
      );
      assert.ok(!thread().at(-1)!.text.includes("<!channel>"));
      assert.equal(dms().length, dmCount + 1);
      assert.match(dms().at(-1)!.text, /Please bring it to desk 4/);
      const internal = await receive({
        comment: "Warranty expired, charge cost centre",
        comment_public: "false",
      });
      assert.equal(internal.outputs?.result, "internal comment not relayed");
      const everything = [...thread(), ...dms()].map((m) => m.text).join("\n");
      assert.match(everything, /Please bring it to desk 4/);
      assert.doesNotMatch(everything, /Warranty expired/);
    },
  );

  await t.step(
    "a comment Helpdesk sent from the conversation is not echoed back",
    async () => {
      slack.clearCalls();
      const result = await receive({
        comment: jsmCommentBody({
          body: "Which client version?",
          public: true,
          author: PEOPLE.agent,
          role: "agent",
        }),
        comment_author: "Helpdesk",
        comment_public: "true",
        comment_id: "10077",
      });
      assert.equal(result.outputs?.result, "Helpdesk's own comment not echoed");
      assert.equal(slack.callsTo("chat.postMessage").length, 0);
    },
  );

  await t.step(
    "a status Helpdesk doesn't know is noted, not applied",
    async () => {
      const result = await receive({ status: "Under review" });
      assert.equal(
        result.outputs?.result,
        'noted unknown JSM status "Under review"',
      );
      assert.equal((await storedTicket(slack, ticket.id)).status, "resolved");
      assert.match(thread().at(-1)!.text, /now “Under review”.*stays Resolved/);
    },
  );

  await t.step("requests Helpdesk didn't make, and bad keys", async () => {
    const other = await receive({ issue_key: "IT-999", status: "Closed" });
    assert.equal(
      other.outputs?.result,
      "ignored: no Helpdesk ticket is linked to IT-999",
    );
    const bad = await receive({ issue_key: "{{issue.key}}" });
    assert.match(String(bad.error), /is not a JSM request key like IT-12/);
  });
});
