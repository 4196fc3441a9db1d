// What the files tests share: a deployment with HELPDESK_FILES=on, a
// requester's :ticket: on a message in the People team's intake channel,
// and the ticket and card thread it makes.
import assert from "node:assert/strict";
import handler from "../../functions/message_to_ticket/handler.ts";
import { functionContext, manifestBotScopes, PEOPLE } from "./harness.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";
import { PEOPLE_INTAKE, PEOPLE_TRIAGE } from "./queue_fixtures.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
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
