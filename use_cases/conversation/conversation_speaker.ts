// Who may say something about a ticket, checked before a modal opens and
// again as the words are saved: the ticket's requester (and the requesters
// of tickets merged into it), or an agent of its queue for a reply or a
// note; nobody while the conversation is paused. A merged ticket's
// requester speaks to the ticket kept instead (followMerge). Apart from
// conversation.ts, which saves and delivers the words, because the forms
// and the thread relay ask it on their own.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  type ConversationAction,
  conversationPaused,
  conversationRefusal,
  mayConverse,
} from "../../helpdesk/tickets/conversation.ts";
import { isQueueAgent } from "../changes/queue_agents.ts";
import { readSettled } from "../changes/settled_read.ts";
import {
  loadQueuedTicket,
  type QueuedTicket,
} from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { pausedConversation } from "../../slack/blocks/conversation_messages.ts";

export type Speaker =
  | {
    ok: true;
    ticket: Ticket;
    settings: HelpdeskSettings;
    queue: Queue;
    /** The merged ticket the words were addressed to, when followed. */
    followedFrom?: Ticket;
  }
  | { ok: false; reason: string; ticket?: Ticket };

/** Whether the person may say this about the ticket; before a modal opens. */
export async function checkSpeaker(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
  action: ConversationAction,
): Promise<Speaker> {
  const found = await loadQueuedTicket(client, ticketId);
  // What a merged ticket's requester adds goes to the ticket kept instead.
  const loaded = action === "comment" && found.ok &&
      found.ticket.requester === person
    ? await followMerge(client, found)
    : found;
  if (!loaded.ok) return loaded;
  const { ticket, queue } = loaded;
  const paused = await surelyPaused(client, ticket, action);
  if (paused) return { ok: false, reason: paused, ticket };
  // The requesters of tickets merged into this one are its requesters too.
  const isRequester = ticket.requester === person ||
    (ticket.followers ?? []).includes(person);
  const isAgent = action !== "comment" &&
    await isQueueAgent(
      new QueueDirectory(client, queue, ticket.requester),
      person,
    );
  if (!mayConverse(action, { isAgent, isRequester })) {
    return {
      ok: false,
      reason: conversationRefusal(action, ticket.key),
      ticket,
    };
  }
  return loaded;
}

/**
 * Why the conversation is paused (closed, waiting for approval), only when
 * a read as new as the ticket's last change says so too: the read that
 * found it paused was not under the lock, and may be a reopen or an
 * approval behind. Undefined when it is not paused, or when that can't be
 * made sure of: then the words go on to the change, which decides on the
 * ticket read under its lock (conversation_outcome.ts).
 */
export async function surelyPaused(
  client: SlackAPIClient,
  ticket: Ticket,
  action: ConversationAction,
): Promise<string | undefined> {
  if (!conversationPaused(ticket, action)) return undefined;
  const settled = await readSettled(client, ticket.id);
  if (settled === "behind" || !settled.ticket) return undefined;
  const paused = conversationPaused(settled.ticket, action);
  return paused && pausedConversation(settled.ticket, paused);
}

/**
 * A ticket merged into another as its duplicate: its requester follows the
 * kept one now, so what they write reaches the kept ticket's card (marked
 * with who wrote it, as any participant's words). One step is enough: a
 * ticket that has others merged into it is never merged itself
 * (helpdesk/tickets/ticket_merge.ts).
 */
export async function followMerge(
  client: SlackAPIClient,
  found: QueuedTicket,
): Promise<Speaker> {
  if (!found.ok || !found.ticket.merged_into) return found;
  const kept = await loadQueuedTicket(client, found.ticket.merged_into);
  return kept.ok ? { ...kept, followedFrom: found.ticket } : found;
}
