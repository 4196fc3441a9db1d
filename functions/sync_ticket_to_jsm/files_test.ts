import assert from "node:assert/strict";
import handler from "./handler.ts";
import intake from "../message_to_ticket/handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "./definition.ts";
import {
  functionContext,
  manifestBotScopes,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { type TicketItem, toTicket } from "../../slack/storage/ticket_store.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";

const FILES_SCOPES = [
  ...manifestBotScopes(),
  ...settingScopes({ jsm: { mode: "off" }, files: true }),
];
const log = new TextEncoder().encode("printer: paper jam at tray 2");

async function ticketWithKey(slack: FakeSlack, ts: string): Promise<Ticket> {
  const items = (await slack.datastores.dump()).tickets ?? [];
  const ticket = items.map((i) => toTicket(i as TicketItem)).find((t) =>
    t.description.includes(ts.replace(".", ""))
  );
  assert.ok(ticket, `no ticket from ${ts}`);
  return ticket;
}

Deno.test("a ticket's files become attachments of its JSM request", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startFakeJsm();
  await configureQueues(slack);
  const env = { ...jsm.apiTokenEnv(), HELPDESK_FILES: "on" };
  const ws = slack.workspace;

  const report = async (name: string) => {
    const message = ws.postAs(
      PEOPLE.requester,
      PEOPLE_INTAKE,
      "Printer",
      undefined,
      [
        { name, mimetype: "text/plain", bytes: log },
      ],
    );
    ws.react(PEOPLE_INTAKE, message.ts, "ticket", PEOPLE.requester);
    const opened = await intake(functionContext("message_to_ticket", slack, {
      channel: PEOPLE_INTAKE,
      message_ts: message.ts,
      message_link: ws.permalink(PEOPLE_INTAKE, message.ts),
      reaction: "ticket",
      user: PEOPLE.requester,
    }, env));
    assert.equal(opened.error, undefined);
    return await ticketWithKey(slack, message.ts);
  };
  const sync = (ticket: Ticket) =>
    handler(functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, {
      ticket_id: ticket.id,
    }, env));

  await t.step("attached once, public as the requester's message", async () => {
    const ticket = await report("printer.log");
    assert.equal(ticket.jsm_files?.length, 1);
    const result = await sync(ticket);
    assert.equal(result.outputs?.sync_state, "synced");
    const key = String(result.outputs?.jsm_key);
    const [attached] = jsm.desk.attachments.byRequest.get(key)!;
    assert.equal(attached.filename, "printer.log");
    assert.equal(attached.public, true);
    assert.deepEqual(attached.bytes, log);
    const after = await storedTicket(slack, ticket.id);
    assert.deepEqual(after.jsm_files ?? [], []);
    // Synced again: nothing is attached twice.
    await sync(after);
    assert.equal(jsm.desk.attachments.byRequest.get(key)!.length, 1);
    // An add that was answered costs no look at the request's list.
    assert.equal(jsm.callsTo("GET", /\/attachment$/).length, 0);
  });

  await t.step(
    "an add whose answer was lost is found, not made again",
    async () => {
      const ticket = await report("lost.log");
      jsm.fail(/\/request\/[^/]+\/attachment$/, {
        status: 502,
        method: "POST",
        afterEffect: true,
      });
      const first = await sync(ticket);
      assert.equal(first.outputs?.sync_state, "pending");
      const key = String(first.outputs?.jsm_key);
      const [made] = jsm.desk.attachments.byRequest.get(key)!;
      assert.equal(made.filename, "lost.log");
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(
        stored.jsm_files?.length,
        1,
        "still owed, as far as it knows",
      );
      const second = await sync(stored);
      assert.equal(second.outputs?.sync_state, "synced");
      assert.deepEqual(
        jsm.desk.attachments.byRequest.get(key)!.map((a) => a.id),
        [made.id],
        "attached once",
      );
      const after = await storedTicket(slack, ticket.id);
      assert.deepEqual(after.jsm_files ?? [], []);
      assert.ok(after.copied_files?.includes(`jsm:${made.id}`));
    },
  );

  await t.step("a failure keeps the file queued for the retry", async () => {
    const ticket = await report("retry.log");
    jsm.fail(/\/attachment$/, { status: 503, times: 20 });
    const first = await sync(ticket);
    assert.equal(first.outputs?.sync_state, "pending");
    jsm.clearFailures();
    const stored = await storedTicket(slack, ticket.id);
    assert.equal(stored.jsm_files?.length, 1);
    const second = await sync(stored);
    assert.equal(second.outputs?.sync_state, "synced");
    const key = String(second.outputs?.jsm_key);
    assert.equal(jsm.desk.attachments.byRequest.get(key)?.length, 1);
  });

  await t.step("a file JSM refuses is told in the card's thread", async () => {
    jsm.desk.attachments.refusedExtensions = ["exe"];
    const ticket = await report("setup.exe");
    const result = await sync(ticket);
    assert.equal(result.outputs?.sync_state, "synced");
    const key = String(result.outputs?.jsm_key);
    assert.equal(jsm.desk.attachments.byRequest.get(key), undefined);
    const note = ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!).find((m) =>
      m.text.startsWith("setup.exe")
    )!;
    assert.match(note.text, /^setup\.exe was not attached to IT-\d+/);
    assert.match(note.text, /not allowed/);
  });
});
