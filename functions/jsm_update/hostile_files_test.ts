// Names people chose (a file's name, a JSM agent's display name) shown in
// Slack as typed: never a mention, a link or formatting that pings a
// channel, wherever Helpdesk says a file came or did not.
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
  FAKE_CUSTOMER,
  startFakeJsm,
} from "../../dev/testing/fake_jsm/server.ts";
import {
  FILES_SCOPES,
  jsmFilesEnv,
  log,
  onlyTicket,
  react,
  syncedKey,
  WEBHOOK_SECRET,
} from "../../dev/testing/file_fixtures.ts";
import { filesOf } from "../../slack/workspace/file_copy.ts";

const HOSTILE = "<!channel> <@UAGENTONE> <https://evil.example|x>";
const MALLORY = {
  accountId: "557058:agent-mallory",
  emailAddress: "mallory@acme.test",
  displayName: `${HOSTILE} Mallory`,
};

/** No raw mention, broadcast or link of anyone's typing in `text`. */
function noHostileMarkup(text: string) {
  assert.ok(!text.includes("<!channel>"), text);
  assert.ok(!text.includes("<@UAGENTONE>"), text);
  assert.ok(!text.includes("<https://evil.example"), text);
}

Deno.test("hostile file and author names never become markup", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startFakeJsm({ customers: [FAKE_CUSTOMER, MALLORY] });
  await configureQueues(slack);
  const env = jsmFilesEnv(jsm);
  const ws = slack.workspace;
  const asked = ws.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "Printer jams",
    undefined,
    [{ name: `${HOSTILE} gone.txt`, bytes: log }],
  );
  const [gone] = filesOf(asked);
  ws.files.byId.get(gone.id)!.deleted = true;
  await react(slack, asked.ts, env);
  const opened = await onlyTicket(slack);

  await t.step("the card's thread and the requester's note", () => {
    const note = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!).find((m) =>
      m.text.includes("not copied here")
    );
    assert.ok(note, "the thread says files were not copied");
    noHostileMarkup(note.text);
    assert.ok(note.text.includes("&lt;!channel&gt;"), note.text);
    const told = ws.ephemerals.filter((e) => e.user === PEOPLE.requester)
      .map((e) => e.text).join("\n");
    assert.match(told, /was not added to/);
    noHostileMarkup(told);
  });

  await t.step("a JSM agent's name above their files", async () => {
    const key = await syncedKey(slack, opened.id, env);
    const fix = jsm.desk.attachments.addByAgent(key, {
      filename: "driver.txt",
      mimeType: "text/plain",
      bytes: log,
    }, { authorAccountId: MALLORY.accountId });
    const ran = await handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
      secret: WEBHOOK_SECRET,
      issue_key: key,
      attachment_ids: fix.id,
    }, env));
    assert.equal(ran.error, undefined);
    const headers = ws.messages.filter((m) =>
      m.files?.some((f) => f.name === "driver.txt")
    ).map((m) => m.text);
    assert.equal(headers.length, 2, "the requester's DM and the card");
    for (const header of headers) {
      assert.match(header, /Mallory added files/);
      noHostileMarkup(header);
    }
  });
});
