// A form's files while its ticket's card is not posted (the opening saved
// the ticket, the scheduled check posts the card later): its requester's
// only conversation is Helpdesk's DM, whose thread passes nothing on, so
// "add them again in the thread" would be untrue and the files lost. They
// go to the queue's agents by DM, as the requester's words then do.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { SEND_TICKET_FILES_CALLBACK_ID } from "./definition.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  FILES_ON,
  FILES_SCOPES,
  onlyTicket,
  react,
  shot,
} from "../../dev/testing/file_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { SlackAPI } from "deno-slack-sdk/mod.ts";

/** A form ticket saved without its card: the requester talks in the DM. */
async function cardlessFormTicket(slack: FakeSlack) {
  const asked = slack.workspace.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "Laptop broken",
  );
  await react(slack, asked.ts);
  const opened = await onlyTicket(slack);
  const dm = slack.workspace.imWith(PEOPLE.requester).id;
  const ticket = {
    ...opened,
    card_channel: undefined,
    card_ts: undefined,
    setup_pending: true,
    requester_thread: `${dm}:1700000000.000100`,
  };
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });
  await putTicket(client, ticket);
  return ticket;
}

function addFile(slack: FakeSlack, name: string) {
  return slack.workspace.files.add(PEOPLE.requester, {
    name,
    mimetype: "image/png",
    bytes: shot,
  }, { grantedToApp: true });
}

function step(slack: FakeSlack, ticketId: string, files: string[]) {
  return handler(functionContext(SEND_TICKET_FILES_CALLBACK_ID, slack, {
    ticket_id: ticketId,
    files,
    added_by: PEOPLE.requester,
    to: "card",
  }, FILES_ON));
}

/** Everything Helpdesk said to a person in its DM, replies included. */
const dmTexts = (slack: FakeSlack, person: string) =>
  slack.workspace.dmsTo(person).map((m) => m.text);

/** The names of the files in a person's DM. */
const dmFiles = (slack: FakeSlack, person: string) =>
  slack.workspace.dmsTo(person).flatMap((m) => m.files ?? []).map((f) =>
    f.name
  );

Deno.test("a form's files reach the agents by DM while its card is not posted", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ticket = await cardlessFormTicket(slack);
  const agents = [PEOPLE.agent, ROLE_PEOPLE.owner];
  let sent: string[] = [];

  await t.step("each agent gets them under a line saying why", async () => {
    const told = dmTexts(slack, PEOPLE.requester).length;
    const photo = addFile(slack, "screen.png");
    sent = [photo.id];
    const ran = await step(slack, ticket.id, sent);
    assert.equal(ran.error, undefined);
    assert.equal(ran.outputs?.handled, 1);
    for (const agent of agents) {
      assert.deepEqual(dmFiles(slack, agent), ["screen.png"], agent);
      const header = slack.workspace.dmsTo(agent).find((m) => !m.thread_ts)!;
      assert.equal(
        header.text,
        `:inbox_tray: <@${PEOPLE.requester}> added files to ${ticket.key}, whose card is not posted yet.`,
      );
      assert.doesNotMatch(header.text, /private/);
    }
    // Nothing untrue, and nothing that needs saying: the requester hears
    // no "add them again", which their DM could not do.
    assert.deepEqual(dmTexts(slack, PEOPLE.requester).slice(told), []);
    assert.equal(dmFiles(slack, PEOPLE.requester).length, 0);
    assert.ok(
      (await storedTicket(slack, ticket.id)).copied_files?.includes(photo.id),
    );
  });

  await t.step("the step run again sends nothing twice", async () => {
    const uploads = slack.callsTo("files.completeUploadExternal").length;
    const posts = slack.callsTo("chat.postMessage").length;
    const ran = await step(slack, ticket.id, sent);
    assert.equal(ran.error, undefined);
    assert.equal(slack.callsTo("files.completeUploadExternal").length, uploads);
    assert.equal(slack.callsTo("chat.postMessage").length, posts);
  });

  await t.step(
    "no agent reachable: the requester hears why, nothing said to come",
    async () => {
      const told = dmTexts(slack, PEOPLE.requester).length;
      const uploads = slack.callsTo("files.completeUploadExternal").length;
      const requesterDm = slack.workspace.imWith(PEOPLE.requester).id;
      slack.fail({
        method: "chat.postMessage",
        error: "channel_not_found",
        times: Infinity,
        when: (args) =>
          args.channel !== requesterDm &&
          args.channel !== PEOPLE.requester,
      });
      const log = addFile(slack, "log.png");
      const ran = await step(slack, ticket.id, [log.id]);
      slack.clearFailures();
      assert.equal(ran.error, undefined);
      assert.ok(!dmFiles(slack, PEOPLE.agent).includes("log.png"));
      assert.deepEqual(dmTexts(slack, PEOPLE.requester).slice(told), [
        `log.png was not added to ${ticket.key}: none of its agents could be sent it by DM.`,
      ]);
      assert.equal(
        slack.callsTo("files.completeUploadExternal").length,
        uploads,
      );
      assert.ok(
        (await storedTicket(slack, ticket.id)).copied_files?.includes(log.id),
        "told once, not again on a retry",
      );
    },
  );
});
