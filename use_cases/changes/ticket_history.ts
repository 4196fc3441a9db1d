// A card's History…: who changed what and when, from the record kept in the
// ticket's own item (helpdesk/tickets/ticket_history.ts), in a modal. Its
// agents see everything; its requester what they are told of anyway; anyone
// else is refused, so a private ticket's history is no wider than its
// details. The modal must open within Slack's 3 s of the click: the ticket
// and settings are read at once, then its queue and the viewer's roles;
// queue names only when the history holds a move.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  historyFor,
  type HistoryView,
} from "../../helpdesk/tickets/history_view.ts";
import { isAgentRole, mayDo } from "../../helpdesk/queues/queue_permissions.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  DEFAULT_QUEUE_ID,
  defaultQueueFromSettings,
} from "../../helpdesk/queues/queue.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  historyModal,
  type QueueNames,
} from "../../slack/blocks/history_modal.ts";
import { refusal } from "../../slack/blocks/refusals.ts";
import { listStoredQueues } from "../../slack/storage/queue_store.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { tellPerson, whereToTell } from "../../slack/workspace/tell_person.ts";
import type { ButtonPress, PressResult } from "./button_press.ts";

export type HistoryFound =
  | { ok: true; ticket: Ticket; view: HistoryView; queues: QueueNames }
  | { ok: false; reason: string; ticket?: Ticket };

/** The ticket's history as this person may see it, or why not. */
export async function findHistory(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
): Promise<HistoryFound> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, queue, settings } = loaded;
  const roles = await new QueueDirectory(client, queue, ticket.requester)
    .rolesOf(person);
  if (!mayDo(roles, "view_history")) {
    return {
      ok: false,
      reason: `${ticket.key}: ${refusal("view_history", queue.name)}`,
      ticket,
    };
  }
  const view = historyFor(ticket, isAgentRole(roles) ? "agent" : "requester");
  const queues = new Map<string, string>([[queue.id, queue.name]]);
  if (view.entries.some((e) => e.kind === "move")) {
    for (const q of await listStoredQueues(client)) queues.set(q.id, q.name);
  }
  if (!queues.has(DEFAULT_QUEUE_ID)) {
    queues.set(DEFAULT_QUEUE_ID, defaultQueueFromSettings(settings).name);
  }
  return { ok: true, ticket, view, queues };
}

export async function showHistory(
  client: SlackAPIClient,
  press: ButtonPress,
): Promise<PressResult> {
  const found = await findHistory(client, press.ticketId, press.actor);
  if (!found.ok) {
    await tellPerson(
      client,
      whereToTell(press.actor, found.ticket),
      found.reason,
    );
    return { outputs: {} };
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: press.pointer,
    view: historyModal(found.ticket, found.view, found.queues),
  });
  return { outputs: {} };
}
