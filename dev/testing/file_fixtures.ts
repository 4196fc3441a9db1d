// What the files tests share: a deployment with HELPDESK_FILES=on, a
// requester's :ticket: on a message in the People team's intake channel,
// the ticket and card thread it makes, and, with JSM on, its request.
import assert from "node:assert/strict";
import handler from "../../functions/message_to_ticket/handler.ts";
import { functionContext, manifestBotScopes, PEOPLE } from "./harness.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";
import { PEOPLE_INTAKE, PEOPLE_TRIAGE } from "./queue_fixtures.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import {
  FAKE_CUSTOMER,
  type FakeJsm,
  startFakeJsm,
} from "./fake_jsm/server.ts";
import syncHandler from "../../functions/sync_ticket_to_jsm/handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "../../functions/sync_ticket_to_jsm/definition.ts";
import { type TicketItem, toTicket } from "../../slack/storage/ticket_store.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

export const FILES_ON = { HELPDESK_FILES: "on" };
/** What the app is granted when deployed with HELPDESK_FILES=on. */
export const FILES_SCOPES = [
  ...manifestBotScopes(),
  ...settingScopes({ jsm: { mode: "off" }, files: true }),
];
export const shot = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
export const log = new TextEncoder().encode("printer: paper jam at tray 2");

/** The JSM webhook's shared secret in these tests. */
export const WEBHOOK_SECRET = "s3cret-s3cret-s3cret-s3cret";

/** A JSM agent who adds files to requests. */
export const JSM_AGENT = {
  accountId: "557058:agent-alex",
  emailAddress: "alex@acme.test",
  displayName: "Alex Agent",
};

/** A fake JSM whose customers are the requester and JSM_AGENT. */
export function startJsmWithAgent(): Promise<FakeJsm> {
  return startFakeJsm({ customers: [FAKE_CUSTOMER, JSM_AGENT] });
}

/** The names of the files posted in `channel`, in a thread if `ts` given. */
export function filesIn(slack: FakeSlack, channel: string, ts?: string) {
  return slack.workspace.messages.filter((m) =>
    m.channel === channel && m.files?.length &&
    (ts === undefined || m.thread_ts === ts)
  ).flatMap((m) => m.files!.map((f) => f.name));
}

/** A function's env with files on and JSM reached through the fake. */
export function jsmFilesEnv(jsm: FakeJsm) {
  return {
    ...jsm.apiTokenEnv(),
    ...FILES_ON,
    JSM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
}

/** The ticket synced by the sync step: its JSM request's key. */
export async function syncedKey(
  slack: FakeSlack,
  ticketId: string,
  env: Record<string, string>,
): Promise<string> {
  const synced = await syncHandler(
    functionContext(
      SYNC_TO_JSM_CALLBACK_ID,
      slack,
      { ticket_id: ticketId },
      env,
    ),
  );
  return String(synced.outputs?.jsm_key);
}

export function react(
  slack: FakeSlack,
  ts: string,
  env: Record<string, string> = FILES_ON,
) {
  slack.workspace.react(PEOPLE_INTAKE, ts, "ticket", PEOPLE.requester);
  return handler(functionContext("message_to_ticket", slack, {
    channel: PEOPLE_INTAKE,
    message_ts: ts,
    message_link: slack.workspace.permalink(PEOPLE_INTAKE, ts),
    reaction: "ticket",
    user: PEOPLE.requester,
  }, env));
}

export async function onlyTicket(slack: FakeSlack): Promise<Ticket> {
  const items = (await slack.datastores.dump()).tickets ?? [];
  assert.equal(items.length, 1);
  return toTicket(items[0] as TicketItem);
}

export function cardReplies(slack: FakeSlack, ticket: Ticket) {
  return slack.workspace.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!);
}
