// A private ticket's files go to its agents by DM. When Slack takes the
// copy for some agents and not for another, the card's thread must not say
// every agent has them, and that agent's DM must not announce them.
import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack } from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  cardReplies,
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
} from "../../dev/testing/file_fixtures.ts";
import { copyFilesToCard } from "../../use_cases/opening/ticket_files.ts";
import { filesOf } from "../../slack/workspace/file_copy.ts";
import { getFilesTicket } from "../../slack/storage/files_ticket.ts";
import { SlackAPI } from "deno-slack-sdk/mod.ts";

Deno.test("a private file one agent's DM refused is not said to be with every agent", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Payslip wrong");
  await react(slack, asked.ts);
  const stored = await onlyTicket(slack);
  const message = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "p", asked.ts, [
    { name: "payslip.pdf", bytes: log },
  ]);
  const refusedDm = ws.imWith(PEOPLE.agent).id;
  slack.fail({
    method: "files.completeUploadExternal",
    error: "not_allowed_token_type",
    when: (args) => args.channel_id === refusedDm,
  });
  const outcome = await copyFilesToCard(
    client,
    "xoxb",
    { ...stored, private: true },
    {
      files: filesOf(message),
      by: { user: PEOPLE.requester, channel: PEOPLE_INTAKE },
    },
    getFilesTicket,
  );
  assert.equal(outcome.copied.length, 1, "other agents have it");
  const note = cardReplies(slack, stored).at(-1)!.text;
  assert.match(note, /except 1 agent whose copy Slack did not take/);
  const header = ws.messages.filter((m) =>
    m.channel === refusedDm && !m.thread_ts
  ).at(-1)!;
  assert.match(header.text, /could not be copied here/);
});
