// One change to one ticket, from whichever surface asked for it (a card
// button, the assign modal, a reaction on the card): load, check, apply,
// publish. The rules themselves are in tickets/ticket_actions.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../tickets/model.ts";
import type { TicketActionType } from "../tickets/roles.ts";
import { applyAction, type TicketAction } from "../tickets/ticket_actions.ts";
import { getTicket } from "../storage/ticket_store.ts";
import {
  getSettings,
  type HelpdeskSettings,
  NOT_CONFIGURED,
} from "../storage/settings_store.ts";
import { AgentDirectory } from "./agents.ts";
import { publishChange } from "./publish_change.ts";

export type ChangeRequest =
  | { type: Exclude<TicketActionType, "assign"> }
  | { type: "assign"; assignee: string };

export type ChangeResult =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; reason: string; ticket?: Ticket };

export interface LoadedTicket {
  ticket?: Ticket;
  settings?: HelpdeskSettings;
}

export async function loadTicket(
  client: SlackAPIClient,
  ticketId: string,
): Promise<LoadedTicket> {
  const [ticket, settings] = await Promise.all([
    getTicket(client, ticketId),
    getSettings(client),
  ]);
  return { ticket, settings };
}

export async function changeTicket(
  client: SlackAPIClient,
  ticketId: string,
  request: ChangeRequest,
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<ChangeResult> {
  const { ticket, settings } = await loadTicket(client, ticketId);
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  if (!ticket) {
    return { ok: false, reason: "That ticket no longer exists in Helpdesk." };
  }
  const agents = new AgentDirectory(client, settings);
  const [actorIsAgent, assigneeIsAgent] = await Promise.all([
    agents.isAgent(actorId),
    request.type === "assign" ? agents.isAgent(request.assignee) : false,
  ]);
  const action: TicketAction = request.type === "assign"
    ? { type: "assign", assignee: request.assignee, assigneeIsAgent }
    : request;
  const outcome = applyAction(
    ticket,
    action,
    { userId: actorId, isAgent: actorIsAgent },
    now,
  );
  if (!outcome.ok) return { ok: false, reason: outcome.reason, ticket };
  const published = await publishChange(client, settings, {
    ticket: outcome.ticket,
    actorId,
    summary: outcome.summary,
    statusChange: outcome.statusChange,
  }, now);
  return { ok: true, ...published };
}
