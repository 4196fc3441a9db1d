// A comment JSM posted but whose answer was lost (a 5xx after the post, a
// timeout) is found by the next sync and not posted again, so the requester
// reads it once; the same words said twice are still posted twice; and the
// webhook's echo of it is never relayed to Slack as someone's new words.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "./definition.ts";
import jsmUpdate from "../jsm_update/handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "../jsm_update/definition.ts";
import {
  clientFor,
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";

const COMMENT = /\/request\/[^/]+\/comment$/;
const SECRET = "s3cret-s3cret-s3cret-s3cret";

Deno.test("a comment whose answer was lost is found, not posted again", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const client = clientFor(slack);
  const env = { ...jsm.apiTokenEnv(), JSM_WEBHOOK_SECRET: SECRET };
  const sync = (ticket_id: string) =>
    handler(
      functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, { ticket_id }, env),
    );
  const { ticket } = await openTicket(
    client,
    {
      summary: "VPN drops hourly",
      description: "Since Monday.",
      priority: "high",
      category: "Network",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { syncToJsm: true },
  );
  assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
  const [request] = [...jsm.requests.values()];
  const say = async (text: string) =>
    assert.ok(
      (await converse(client, ticket.id, PEOPLE.requester, "comment", text))
        .ok,
    );
  const firstLines = () => request.comments.map((c) => c.body.split("\n")[0]);

  await t.step("a comment answered costs no look at the list", async () => {
    await say("ok");
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
    assert.deepEqual(firstLines(), ["ok"]);
    assert.equal(jsm.callsTo("GET", COMMENT).length, 0);
  });

  await t.step("a post lost after JSM made it is made once", async () => {
    await say("Still drops at 3pm");
    jsm.fail(COMMENT, { status: 502, method: "POST", afterEffect: true });
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
    assert.deepEqual(firstLines(), ["ok", "Still drops at 3pm"]);
    const [queued] = (await storedTicket(slack, ticket.id)).jsm_comments ?? [];
    assert.equal(JSON.parse(queued).maybeSent, true, "marked as it may be");
    const posts = jsm.callsTo("POST", COMMENT).length;
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
    assert.deepEqual(firstLines(), ["ok", "Still drops at 3pm"], "once");
    assert.equal(jsm.callsTo("POST", COMMENT).length, posts, "not resent");
    assert.equal(jsm.callsTo("GET", COMMENT).length, 1);
    const after = await storedTicket(slack, ticket.id);
    assert.equal(after.jsm_comments, undefined);
    assert.ok(
      after.copied_files?.includes(`jsm-comment:${request.comments[1].id}`),
    );
  });

  await t.step("the same words again are posted, lost or not", async () => {
    await say("ok");
    // Refused before JSM acted: the earlier "ok" is Helpdesk's, not this.
    jsm.fail(COMMENT, { status: 503, method: "POST" });
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
    assert.equal(request.comments.length, 2);
    assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
    assert.deepEqual(firstLines(), ["ok", "Still drops at 3pm", "ok"]);
  });

  await t.step("the lost copy's echo is not relayed to Slack", async () => {
    const before = slack.workspace.dmsTo(PEOPLE.requester).length;
    const echoed = await jsmUpdate(
      functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
        secret: SECRET,
        issue_key: request.issueKey,
        comment: request.comments[1].body,
        comment_author: "Helpdesk",
        comment_public: "true",
      }, env),
    );
    assert.equal(echoed.outputs?.result, "Helpdesk's own comment not echoed");
    assert.equal(slack.workspace.dmsTo(PEOPLE.requester).length, before);
  });
});
