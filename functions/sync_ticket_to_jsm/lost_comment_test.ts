// A comment JSM posted but whose answer was lost (a 5xx after the post, a
// timeout) is found by the next sync and not posted again, so the requester
// reads it once; the same words said twice are still posted twice; and the
// webhook's echo of it is never relayed to Slack as someone's new words.
import assert from "node:assert/strict";
import jsmUpdate from "../jsm_update/handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "../jsm_update/definition.ts";
import {
  configure,
  fixtureClientFor,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import {
  openTicketSyncedByFunction,
  requesterComments,
} from "../../dev/testing/jsm_fixtures.ts";
import { WEBHOOK_SECRET } from "../../dev/testing/file_fixtures.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";

const COMMENT = /\/request\/[^/]+\/comment$/;

Deno.test("a comment whose answer was lost is found, not posted again", async (t) => {
  await using slack = await startFakeSlack();
  await using jsm = await startFakeJsm();
  await configure(slack);
  const { client, sync, ticket } = await openTicketSyncedByFunction(slack, jsm);
  const { request, say, firstLines } = requesterComments(
    jsm,
    client,
    ticket.id,
  );

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

  await t.step(
    "an older same comment with no id kept is not this post",
    async () => {
      // The first "ok" as a version that kept no ids left it, an hour ago.
      const [first] = request.comments;
      first.createdAt = Date.now() - 3_600_000;
      const stored = await storedTicket(slack, ticket.id);
      await updateTicketFields(fixtureClientFor(slack), ticket.id, {
        copied_files: stored.copied_files?.filter((m) =>
          m !== `jsm-comment:${first.id}`
        ),
      });
      await say("ok");
      // Refused before JSM acted, though it might have landed.
      jsm.fail(COMMENT, { status: 503, method: "POST" });
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "pending");
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
      assert.deepEqual(firstLines(), ["ok", "Still drops at 3pm", "ok", "ok"]);
    },
  );

  await t.step("the lost copy's echo is not relayed to Slack", async () => {
    const before = slack.workspace.dmsTo(PEOPLE.requester).length;
    const echoed = await jsmUpdate(
      functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
        secret: WEBHOOK_SECRET,
        issue_key: request.issueKey,
        comment: request.comments[1].body,
        comment_author: "Helpdesk",
        comment_public: "true",
      }, { ...jsm.apiTokenEnv(), JSM_WEBHOOK_SECRET: WEBHOOK_SECRET }),
    );
    assert.equal(echoed.outputs?.result, "Helpdesk's own comment not echoed");
    assert.equal(slack.workspace.dmsTo(PEOPLE.requester).length, before);
  });
});
