// A private request's details reach people one by one, by DM: its queue's
// agents when it is opened, and anyone allowed who asks with the card's
// "Show details" button. The shared channel only ever has the key.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { dmEach, type Posted } from "../../slack/workspace/direct_messages.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { getRequestTypeRules } from "../../slack/storage/queue_store.ts";
import { mayDo } from "../../helpdesk/queues/queue_permissions.ts";
import { refusal } from "../../slack/blocks/refusals.ts";
import { approversOf } from "../../helpdesk/request_types/request_type.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  privateDetailsIntro,
  privateDetailsText,
  requestDetailBlocks,
} from "../../slack/blocks/request_messages.ts";

export async function sendPrivateDetails(
  client: SlackAPIClient,
  ticket: Ticket,
  people: readonly string[],
  cardLink: string,
): Promise<Posted[]> {
  const { posted, failures } = await dmEach(client, people, {
    text: privateDetailsText(ticket),
    blocks: requestDetailBlocks(ticket, privateDetailsIntro(ticket, cardLink)),
  });
  for (const failure of failures) {
    console.warn(`${ticket.key}: private details not sent:`, failure);
  }
  return posted;
}

/**
 * "Show details" on a private card: the details by DM to someone allowed to
 * see them; a refusal (without any of them) to anyone else.
 */
export async function showPrivateDetails(
  client: SlackAPIClient,
  ticketId: string,
  userId: string,
): Promise<{ ok: true } | { ok: false; reason: string; ticket?: Ticket }> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, settings, queue } = loaded;
  const type = ticket.request_type_id
    ? await getRequestTypeRules(client, ticket.request_type_id)
    : undefined;
  const roles = await new QueueDirectory(
    client,
    queue,
    ticket.requester,
    type?.needs_approval ? approversOf(type) : undefined,
  ).rolesOf(userId);
  if (!mayDo(roles, "view_private")) {
    return {
      ok: false,
      reason: `${ticket.key} is a private request. ${
        refusal("view_private", queue.name)
      }`,
      ticket,
    };
  }
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  const sent = await sendPrivateDetails(client, ticket, [userId], cardLink);
  if (sent.length === 0) {
    return { ok: false, reason: "Slack didn't deliver the DM; try again." };
  }
  return { ok: true };
}
