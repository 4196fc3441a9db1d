// An agent's JSM attachment that Slack refuses to take: the requester's DM
// keeps no line announcing files that never came, and the card's thread
// says the file was not copied.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  FILES_SCOPES,
  JSM_AGENT,
  jsmFilesEnv,
  log,
  onlyTicket,
  react,
  startJsmWithAgent,
  syncedKey,
  WEBHOOK_SECRET,
} from "../../dev/testing/file_fixtures.ts";

Deno.test("a JSM file Slack refuses is announced nowhere", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startJsmWithAgent();
  await configureQueues(slack);
  const env = jsmFilesEnv(jsm);
  const ws = slack.workspace;
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Printer jams");
  await react(slack, asked.ts, env);
  const opened = await onlyTicket(slack);
  const key = await syncedKey(slack, opened.id, env);
  const fix = jsm.desk.attachments.addByAgent(key, {
    filename: "driver.txt",
    mimeType: "text/plain",
    bytes: log,
  }, { authorAccountId: JSM_AGENT.accountId });
  ws.files.maxUploadBytes = 4; // the team's own limit
  const ran = await handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
    secret: WEBHOOK_SECRET,
    issue_key: key,
    attachment_ids: fix.id,
  }, env));
  assert.equal(ran.error, undefined);
  const dm = ws.imWith(PEOPLE.requester).id;
  const lines = ws.messages.filter((m) =>
    m.channel === dm && m.text.includes("added files")
  );
  assert.equal(lines.length, 1);
  assert.match(lines[0].text, /could not be copied here/);
  assert.ok(
    ws.messages.every((m) => !m.files?.some((f) => f.name === "driver.txt")),
  );
  const note = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!).at(-1)!.text;
  assert.match(note, /driver\.txt \(Slack refused the copy\)/);

  // Taken by the requester's DM, refused in the card's thread: the agents
  // in Slack hear that they don't have it.
  ws.files.maxUploadBytes = 1024 ** 3;
  const second = jsm.desk.attachments.addByAgent(key, {
    filename: "manual.txt",
    mimeType: "text/plain",
    bytes: log,
  }, { authorAccountId: JSM_AGENT.accountId });
  slack.fail({
    method: "files.completeUploadExternal",
    error: "not_allowed_token_type",
    when: (args) => args.channel_id === PEOPLE_TRIAGE,
  });
  const again = await handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
    secret: WEBHOOK_SECRET,
    issue_key: key,
    attachment_ids: second.id,
  }, env));
  assert.equal(again.error, undefined);
  assert.ok(
    ws.messages.some((m) =>
      m.channel === dm && m.files?.some((f) => f.name === "manual.txt")
    ),
    "the requester has it",
  );
  const last = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!).at(-1)!.text;
  assert.match(last, /manual\.txt \(Slack refused the copy\)/);
});
