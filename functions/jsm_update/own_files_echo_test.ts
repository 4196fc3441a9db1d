// JSM may send its webhook for an attachment before Helpdesk, which made
// it, has JSM's answer: Helpdesk's own files must not come back into Slack
// as if an agent added them, and an agent's file that arrives meanwhile,
// even one named like Helpdesk's, must still arrive.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import syncHandler from "../sync_ticket_to_jsm/handler.ts";
import relayHandler from "../requester_message/handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "../sync_ticket_to_jsm/definition.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import { type FakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import {
  FILES_SCOPES,
  filesIn,
  JSM_AGENT,
  jsmFilesEnv,
  log,
  onlyTicket,
  react,
  shot,
  startJsmWithAgent,
  WEBHOOK_SECRET,
} from "../../dev/testing/file_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";

/**
 * A requester's screenshot becomes a ticket, and the JSM sync attaches it;
 * `meanwhile` runs when JSM has made the attachment, before it answers.
 */
async function attachWithEarlyWebhook(
  slack: FakeSlack,
  jsm: FakeJsm,
  meanwhile: (key: string) => void,
  options: { answerLost?: boolean } = {},
) {
  await configureQueues(slack);
  const env = jsmFilesEnv(jsm);
  const asked = slack.workspace.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "Printer jams",
  );
  await react(slack, asked.ts, env);
  const opened = await onlyTicket(slack);
  const sync = () =>
    syncHandler(
      functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, {
        ticket_id: opened.id,
      }, env),
    );
  assert.equal((await sync()).error, undefined);
  // Then the requester sends a screenshot in the thread: queued for JSM.
  const reply = slack.workspace.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "",
    asked.ts,
    [{ name: "jam.png", mimetype: "image/png", bytes: shot }],
  );
  const relayed = await relayHandler(
    functionContext("requester_message", slack, {
      channel: PEOPLE_INTAKE,
      message_ts: reply.ts,
      thread_ts: asked.ts,
    }, env),
  );
  assert.equal(relayed.error, undefined);
  assert.equal((await storedTicket(slack, opened.id)).jsm_files?.length, 1);
  const runs: Promise<{ error?: string; outputs?: Record<string, unknown> }>[] =
    [];
  jsm.beforeAnswer = async (call) => {
    const at = call.path.match(/\/request\/([^/]+)\/attachment$/);
    if (call.method !== "POST" || !at || !call.tookEffect) return;
    const key = decodeURIComponent(at[1]);
    meanwhile(key);
    // JSM's automation sends every attachment of the request it knows of.
    const ids = (jsm.desk.attachments.byRequest.get(key) ?? []).map((a) =>
      a.id
    );
    const run = Promise.resolve(
      handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
        secret: WEBHOOK_SECRET,
        issue_key: key,
        attachment_ids: ids.join(","),
      }, env)),
    ) as Promise<
      { error?: string; outputs?: Record<string, unknown> }
    >;
    runs.push(run);
    await run;
  };
  if (options.answerLost) {
    // JSM attaches the file but its answer is a 500: the sync can't tell,
    // keeps the file queued, and a later sync settles it.
    jsm.fail(/\/request\/[^/]+\/attachment$/, {
      status: 500,
      method: "POST",
      afterEffect: true,
    });
    const failed = await sync();
    assert.equal(failed.outputs?.sync_state, "pending");
    const queued = (await storedTicket(slack, opened.id)).jsm_files ?? [];
    assert.equal(queued.length, 1, "still owed to JSM");
  }
  const synced = await sync();
  jsm.beforeAnswer = undefined;
  assert.equal(synced.error, undefined);
  assert.equal(synced.outputs?.sync_state, "synced");
  for (const ran of await Promise.all(runs)) {
    assert.equal(ran.error, undefined, ran.error);
  }
  const dm = slack.workspace.imWith(PEOPLE.requester).id;
  return { opened, key: String(synced.outputs?.jsm_key), dm };
}

Deno.test("Helpdesk's own attachment, announced before JSM answered, stays out of Slack", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startJsmWithAgent();
  const { opened, key, dm } = await attachWithEarlyWebhook(
    slack,
    jsm,
    () => {},
  );
  const [own] = jsm.desk.attachments.byRequest.get(key)!;
  assert.equal(own.filename, "jam.png");
  assert.deepEqual(filesIn(slack, dm), [], "nothing came back to Riley");
  assert.deepEqual(
    filesIn(slack, PEOPLE_TRIAGE, opened.card_ts),
    ["jam.png"],
    "the card's thread has the requester's one copy",
  );
  const ticket = await storedTicket(slack, opened.id);
  assert.ok(ticket.copied_files?.includes(`jsm:${own.id}`));
  assert.ok(!ticket.copied_files?.some((m) => m.startsWith("jsm-held:")));
});

Deno.test("an agent's files added while Helpdesk attaches still arrive, even one named alike", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startJsmWithAgent();
  const { opened, dm } = await attachWithEarlyWebhook(slack, jsm, (key) => {
    for (const filename of ["driver.txt", "jam.png"]) {
      jsm.desk.attachments.addByAgent(key, {
        filename,
        mimeType: "text/plain",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId });
    }
  });
  assert.deepEqual(filesIn(slack, dm).sort(), ["driver.txt", "jam.png"]);
  assert.deepEqual(
    filesIn(slack, PEOPLE_TRIAGE, opened.card_ts).sort(),
    ["driver.txt", "jam.png", "jam.png"],
    "the requester's copy, then the agent's two",
  );
  const ticket = await storedTicket(slack, opened.id);
  assert.ok(!ticket.copied_files?.some((m) => m.startsWith("jsm-held:")));
});

Deno.test("an attach whose answer was lost is made once and never echoed as an agent's", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startJsmWithAgent();
  const { opened, key, dm } = await attachWithEarlyWebhook(
    slack,
    jsm,
    () => {},
    { answerLost: true },
  );
  const attached = jsm.desk.attachments.byRequest.get(key)!;
  assert.deepEqual(
    attached.map((a) => a.filename),
    ["jam.png"],
    "JSM has the file once",
  );
  assert.deepEqual(filesIn(slack, dm), [], "nothing came back to Riley");
  assert.deepEqual(
    filesIn(slack, PEOPLE_TRIAGE, opened.card_ts),
    ["jam.png"],
    "the card's thread has the requester's one copy, none from JSM",
  );
  const ticket = await storedTicket(slack, opened.id);
  assert.ok(ticket.copied_files?.includes(`jsm:${attached[0].id}`));
  assert.ok(!ticket.copied_files?.some((m) => m.startsWith("jsm-held:")));
  assert.deepEqual(ticket.jsm_files ?? [], []);
});

Deno.test("after a lost answer, an agent's file named alike still arrives", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startJsmWithAgent();
  let added = false;
  const { opened, key, dm } = await attachWithEarlyWebhook(slack, jsm, (k) => {
    if (added) return;
    added = true;
    jsm.desk.attachments.addByAgent(k, {
      filename: "jam.png",
      mimeType: "text/plain",
      bytes: log,
    }, { authorAccountId: JSM_AGENT.accountId });
  }, { answerLost: true });
  assert.equal(jsm.desk.attachments.byRequest.get(key)!.length, 2);
  assert.deepEqual(filesIn(slack, dm), ["jam.png"], "the agent's");
  assert.deepEqual(
    filesIn(slack, PEOPLE_TRIAGE, opened.card_ts),
    ["jam.png", "jam.png"],
    "the requester's copy, then the agent's",
  );
});
