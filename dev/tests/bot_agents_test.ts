// A channel named for a queue's agents holds bots too: Helpdesk itself (it
// must be in its triage channels, often the agents' channel) and other
// apps. Slack refuses a bot token's DM to a bot (cannot_dm_bot), so a bot
// is no agent: Helpdesk's own is not even tried, none is counted, nobody is
// told one missed a private ticket's files or words, none is an approver.
import assert from "node:assert/strict";
import { SlackAPI } from "deno-slack-sdk/mod.ts";
import handler from "../../functions/update_ticket/handler.ts";
import {
  CONVERSATION_VIEWS,
  UPDATE_TICKET_CALLBACK_ID,
} from "../../functions/update_ticket/definition.ts";
import {
  clientFor,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import {
  configureQueues,
  LAPTOP,
  MEMBER_CHANNEL,
  PEOPLE_INTAKE,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import {
  cardReplies,
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
} from "../testing/file_fixtures.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import { copyFilesToCard } from "../../use_cases/opening/ticket_files.ts";
import { filesOf } from "../../slack/workspace/file_copy.ts";
import { getFilesTicket } from "../../slack/storage/files_ticket.ts";
import {
  MAX_RECIPIENTS,
  QueueDirectory,
} from "../../slack/workspace/queue_directory.ts";
import { dmEach } from "../../slack/workspace/direct_messages.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";

/** Another app's bot user, in the agents' channel beside Helpdesk's. */
const OTHER_BOT = "USTANDUPBOT";

/** The people queue's agents who are people, the requester apart. */
const PERSON_AGENTS = [
  ROLE_PEOPLE.owner,
  ROLE_PEOPLE.member,
  ROLE_PEOPLE.groupMember,
  ROLE_PEOPLE.channelMember,
  ROLE_PEOPLE.admin,
  ROLE_PEOPLE.superuser,
];

async function withBotsInAgentsChannel(slack: FakeSlack) {
  await configureQueues(slack);
  const ws = slack.workspace;
  ws.addUser({ id: OTHER_BOT, name: "standup", is_bot: true });
  const members = ws.channels.get(MEMBER_CHANNEL)!.members;
  assert.ok(members.has(BOT_USER_ID), "Helpdesk is in the agents' channel");
  members.add(OTHER_BOT);
}

const dmsTried = (slack: FakeSlack, user: string) =>
  slack.calls.filter((c) =>
    c.method === "chat.postMessage" && c.args.channel === user
  ).length;

Deno.test("a private ticket's files reach its people, bots in the agents' channel missing nobody", async () => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await withBotsInAgentsChannel(slack);
  const ws = slack.workspace;
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Payslip wrong");
  await react(slack, asked.ts);
  const stored = await onlyTicket(slack);
  const message = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "p", asked.ts, [
    { name: "payslip.pdf", bytes: log },
  ]);
  slack.clearCalls();
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
  assert.equal(outcome.copied.length, 1);
  assert.deepEqual(outcome.notCopied, []);
  for (const agent of PERSON_AGENTS) {
    const header = ws.dmsTo(agent).find((m) => !m.thread_ts);
    assert.match(header?.text ?? "", /added files to private request/, agent);
  }
  const note = cardReplies(slack, stored).at(-1)!.text;
  assert.match(note, /its agents have them by DM\.$/);
  assert.doesNotMatch(note, /except/);
  // Helpdesk's own bot user is known, not tried; auth.test asked once.
  assert.equal(dmsTried(slack, BOT_USER_ID), 0);
  assert.equal(slack.callsTo("auth.test").length, 1);
});

function comment(slack: FakeSlack, ticketId: string, text: string) {
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.comment,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: `Fx0comment${crypto.randomUUID().slice(0, 6)}`,
      user: PEOPLE.requester,
      privateMetadata: JSON.stringify({ ticket_id: ticketId }),
      values: {
        message: { message: { type: "plain_text_input", value: text } },
      },
    }),
  );
}

Deno.test("a private ticket's words reach its people, and nobody is told a bot missed them", async () => {
  await using slack = await startFakeSlack();
  await withBotsInAgentsChannel(slack);
  const ticket = await openTestTicket(slack, {
    private: true,
    queue_id: PEOPLE_QUEUE.id,
  });
  const words = "my manager shouts";
  assert.equal(await comment(slack, ticket.id, words), undefined);
  const ws = slack.workspace;
  for (const agent of PERSON_AGENTS) {
    assert.ok(ws.dmsTo(agent).some((m) => m.text.includes(words)), agent);
  }
  assert.equal(dmsTried(slack, BOT_USER_ID), 0);
  const told = [
    ...ws.messages.map((m) => m.text),
    ...ws.ephemerals.map((e) => e.text),
  ].filter((text) =>
    /did not reach|could not be sent|didn't show all/.test(text)
  );
  assert.deepEqual(told, []);
});

Deno.test("a queue's agents and their DMs count only people", async (t) => {
  await using slack = await startFakeSlack();
  await withBotsInAgentsChannel(slack);
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });

  await t.step(
    "Helpdesk's own bot user takes no recipient's place",
    async () => {
      const crowd = Array.from(
        { length: MAX_RECIPIENTS },
        (_, i) => `UCROWD${String(i).padStart(2, "0")}`,
      );
      for (const id of crowd) slack.workspace.addUser({ id, name: id });
      // The bot listed first, as a channel's oldest member would be.
      slack.workspace.channels.set("CCROWD", {
        id: "CCROWD",
        name: "crowd",
        is_private: false,
        members: new Set([BOT_USER_ID, ...crowd]),
      });
      const directory = new QueueDirectory(client, {
        ...PEOPLE_QUEUE,
        owner: undefined,
        members: ["CCROWD"],
        admins: [],
        superusers: [],
      });
      assert.deepEqual(await directory.agents(), crowd);
    },
  );

  await t.step("a DM another app's bot refuses is no failure", async () => {
    const sent = await dmEach(client, [ROLE_PEOPLE.channelMember, OTHER_BOT], {
      text: "Approval needed",
      blocks: [],
    });
    assert.equal(sent.posted.length, 1);
    assert.deepEqual(sent.failures, []);
  });
});

Deno.test("approvers named by a channel: its people are asked, its bots are nobody", async (t) => {
  await using slack = await startFakeSlack();
  await withBotsInAgentsChannel(slack);
  const ws = slack.workspace;
  const open = (approvers: string[]) =>
    openTicket(
      clientFor(slack),
      {
        summary: "New laptop please",
        description: "Starts on the 1st",
        priority: "normal",
        category: LAPTOP.name,
        requester: PEOPLE.requester,
      },
      "form",
      Date.now(),
      {
        requestType: { ...LAPTOP, approvers },
        answers: [
          { label: "Model", value: "Pro" },
          { label: "Start date", value: "2026-12-01" },
        ],
      },
    );

  await t.step("the channel's person is asked, and only they", async () => {
    const { ticket } = await open([MEMBER_CHANNEL]);
    assert.equal(ticket.approval, "pending");
    assert.equal(ticket.approval_messages?.length, 1);
    assert.match(
      JSON.stringify(ws.dmsTo(ROLE_PEOPLE.channelMember).at(-1)?.blocks),
      /request_approve/,
    );
  });

  await t.step(
    "a channel of bots only: nobody can approve, said so",
    async () => {
      ws.channels.set("CBOTSONLY", {
        id: "CBOTSONLY",
        name: "bots",
        is_private: false,
        members: new Set([BOT_USER_ID, OTHER_BOT]),
      });
      await assert.rejects(open(["CBOTSONLY"]), /Nobody can approve/);
    },
  );
});
