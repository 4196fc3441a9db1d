// A reply's files sent to a person by DM come under a line saying they
// follow. When Slack then refuses the copy, that line must not stay to
// announce files that never came: it says they could not be copied.
import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack } from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
} from "../../dev/testing/file_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { SlackAPI } from "deno-slack-sdk/mod.ts";
import { passOnFiles } from "../../use_cases/conversation/files_step.ts";

const AGENT = PEOPLE.agent;
const SAM = PEOPLE.bystander;

/** Every line in `person`'s DM that says files follow has files under it. */
function noEmptyPromise(slack: FakeSlack, person: string) {
  const dm = slack.workspace.imWith(person).id;
  const lines = slack.workspace.messages.filter((m) =>
    m.channel === dm && !m.thread_ts && m.text.startsWith(":paperclip:")
  );
  for (const line of lines) {
    const under = slack.workspace.repliesTo(dm, line.ts);
    const came = [line, ...under].some((m) => m.files?.length);
    assert.ok(
      came || /could not be copied/.test(line.text),
      `"${line.text}" promises files that never came`,
    );
  }
  return lines;
}

Deno.test("a DM line never announces reply files Slack refused", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Printer jams");
  await react(slack, asked.ts);
  const opened = await onlyTicket(slack);
  // A conversation held by DM, not started yet; Sam's duplicate merged in.
  await putTicket(client, {
    ...opened,
    requester_thread: undefined,
    followers: [SAM],
  });
  const send = (name: string) => {
    const file = ws.files.add(AGENT, { name, bytes: log }, {
      grantedToApp: true,
    });
    return passOnFiles(client, "xoxb", {
      ticketId: opened.id,
      files: [file.id],
      by: AGENT,
      to: "requester",
      jsm: false,
      now: 1_000,
    });
  };

  await t.step("refused for the requester", async () => {
    ws.files.maxUploadBytes = 4; // the team's own limit
    const out = await send("driver.txt");
    ws.files.maxUploadBytes = 1024 ** 3;
    assert.ok(out.ok);
    const lines = noEmptyPromise(slack, PEOPLE.requester);
    assert.equal(lines.length, 1);
    assert.match(lines[0].text, /could not be copied here/);
    const told = ws.ephemerals.filter((e) => e.user === AGENT).at(-1)!.text;
    assert.match(told, /driver\.txt was not sent to the requester/);
  });

  await t.step("refused for a merged ticket's requester", async () => {
    const samsDm = ws.imWith(SAM).id;
    slack.fail({
      method: "files.completeUploadExternal",
      error: "not_allowed_token_type",
      when: (args) => args.channel_id === samsDm,
    });
    const out = await send("toner.txt");
    assert.ok(out.ok);
    const lines = noEmptyPromise(slack, SAM);
    assert.ok(lines.length >= 1);
    assert.match(lines.at(-1)!.text, /could not be copied here/);
    const told = ws.ephemerals.filter((e) => e.user === AGENT).at(-1)!.text;
    assert.match(told, new RegExp(`did not reach <@${SAM}>`));
    // The requester got them.
    const riley = noEmptyPromise(slack, PEOPLE.requester);
    assert.ok(!/could not/.test(riley.at(-1)!.text));
  });
});
