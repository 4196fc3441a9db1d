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
import { QueueDirectory } from "./queue_directory.ts";
import type { Queue } from "../queues/queue.ts";
import { getQueue } from "../storage/queue_store.ts";
import { isAgentRole } from "../queues/queue_permissions.ts";
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
  /** Absent when the ticket's queue was removed: the default one stands in. */
  queue?: Queue;
}

export async function loadTicket(
  client: SlackAPIClient,
  ticketId: string,
): Promise<LoadedTicket> {
  const [ticket, settings] = await Promise.all([
    getTicket(client, ticketId),
    getSettings(client),
  ]);
  if (!ticket || !settings) return { ticket, settings };
  const queue = await getQueue(client, ticket.queue_id, settings) ??
    await getQueue(client, undefined, settings);
  return { ticket, settings, queue };
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
  const { ticket, settings, queue } = await loadTicket(client, ticketId);
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  if (!ticket || !queue) {
    return { ok: false, reason: "That ticket no longer exists in Helpdesk." };
  }
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
