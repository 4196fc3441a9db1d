// One change to one ticket, from whichever surface asked for it (a card
// button, the assign modal, a reaction on the card): load, check, apply,
// publish. The rules themselves are in helpdesk/tickets/ticket_actions.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { TicketActionType } from "../../helpdesk/tickets/roles.ts";
import {
  applyAction,
  type TicketAction,
} from "../../helpdesk/tickets/ticket_actions.ts";
import { getTicket } from "../storage/ticket_store.ts";
import { getSettings, NOT_CONFIGURED } from "../storage/settings_store.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { QueueDirectory } from "./queue_directory.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { getQueue } from "../storage/queue_store.ts";
import { isAgentRole } from "../../helpdesk/queues/queue_permissions.ts";
import { publishChange } from "./publish_change.ts";

export type ChangeRequest =
  | { type: Exclude<TicketActionType, "assign"> }
  | { type: "assign"; assignee: string };

export type ChangeResult =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; reason: string; ticket?: Ticket };

export const TICKET_GONE = "That ticket no longer exists in Helpdesk.";

export interface LoadedTicket {
  ticket?: Ticket;
  settings?: HelpdeskSettings;
}

/** The ticket and the settings, for what doesn't depend on its queue. */
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

export type QueuedTicket =
  | { ok: true; ticket: Ticket; settings: HelpdeskSettings; queue: Queue }
  | { ok: false; reason: string };

/**
 * The ticket with the settings and its queue (the default one stands in for
 * a queue removed since), or what to tell the person when there is none.
 */
export async function loadQueuedTicket(
  client: SlackAPIClient,
  ticketId: string,
): Promise<QueuedTicket> {
  const { ticket, settings } = await loadTicket(client, ticketId);
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  if (!ticket) return { ok: false, reason: TICKET_GONE };
  const queue = await getQueue(client, ticket.queue_id, settings) ??
    await getQueue(client, undefined, settings);
  if (!queue) return { ok: false, reason: TICKET_GONE };
  return { ok: true, ticket, settings, queue };
}

/** Whether someone may work the ticket's queue (any agent role). */
export async function isQueueAgent(
  directory: QueueDirectory,
  userId: string,
): Promise<boolean> {
  return isAgentRole(await directory.rolesOf(userId));
}

export async function changeTicket(
  client: SlackAPIClient,
  ticketId: string,
  request: ChangeRequest,
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<ChangeResult> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, settings, queue } = loaded;
  const agents = new QueueDirectory(client, queue, ticket.requester);
  const [actorIsAgent, assigneeIsAgent] = await Promise.all([
    isQueueAgent(agents, actorId),
    request.type === "assign" ? isQueueAgent(agents, request.assignee) : false,
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
