// Where an agent's words reach the requester, and what everyone is told
// when Slack refuses to deliver them (see conversation.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  type ConversationAction,
  requesterSide,
  threadRef,
} from "../../helpdesk/tickets/conversation.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import {
  deliver,
  type Delivery,
  NotKept,
  type OutboxMessage,
  refusedForGood,
  whySlackRefused,
} from "../../slack/workspace/outbox.ts";
import { keepUnderLock } from "../changes/kept_messages.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { tellPerson, whereToTell } from "../../slack/workspace/tell_person.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { notDelivered } from "../../slack/blocks/conversation_messages.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";

/** Where the writer is told what did not arrive (their thread, if any). */
export interface WriterPlace {
  channel?: string;
  thread_ts?: string;
}

/** The writer and the card's thread learn what will never arrive. */
export async function tellWhatWasLost(
  client: SlackAPIClient,
  ticket: Ticket,
  writer: string,
  action: ConversationAction,
  to: string,
  error: unknown,
  options: { writerAt?: WriterPlace },
) {
  const text = notDelivered(
    ticket,
    action === "reply" ? "reply" : "message",
    to,
    whySlackRefused(error),
  );
  const told: Promise<unknown>[] = [
    tellPerson(
      client,
      options.writerAt
        ? { user: writer, ...options.writerAt }
        : whereToTell(writer, ticket),
      text,
    ),
  ];
  if (ticket.card_channel && ticket.card_ts) {
    told.push(deliver(client, ticket, [{
      channel: ticket.card_channel,
      thread_ts: ticket.card_ts,
      text,
    }], keepUnderLock));
  }
  await Promise.all(told);
}

/**
 * Whether the ticket's requester can't read its card's thread: a private
 * channel they are not in. A public channel is open to everyone in the
 * workspace; when Slack can't say, the thread is taken as readable.
 */
export async function threadHiddenFromRequester(
  client: SlackAPIClient,
  directory: QueueDirectory,
  ticket: Ticket,
): Promise<boolean> {
  const channel = ticket.card_channel;
  if (!channel || ticket.private) return false;
  try {
    const info = await slackCall(client, "conversations.info", { channel });
    if (!info.channel?.is_private) return false;
    return !await directory.inChannel(channel, ticket.requester);
  } catch (error) {
    console.warn(`${ticket.key}: the note goes by DM`, error);
    return false;
  }
}

/**
 * Posts on the requester's side, cut into parts Slack takes whole, in
 * order. A DM conversation starts with its first message, which is then
 * recorded as the thread to keep to; the rest of a long text follows in it.
 */
export async function toRequesterSide(
  client: SlackAPIClient,
  ticket: Ticket,
  text: string,
  options: { dmOnly?: boolean; actionTriggerUrl?: string } = {},
): Promise<Delivery> {
  const side = requesterSide(ticket);
  const isDm = (channel: string) =>
    channel === ticket.requester || /^D/.test(channel);
  const toDm = options.dmOnly && !isDm(side.channel);
  const channel = toDm ? ticket.requester : side.channel;
  const threadTs = toDm ? undefined : side.thread_ts;
  // In a DM the requester answers with the button (the DM is read-only),
  // which goes on the first part; in a channel's thread, by writing in it.
  const messages: OutboxMessage[] = numberedParts(text).map((part, i) => {
    const blocks = i === 0 && isDm(channel)
      ? requesterDmBlocks(ticket, part, options.actionTriggerUrl)
      : undefined;
    return { channel, text: part, ...(blocks ? { blocks } : {}) };
  });
  if (threadTs || options.dmOnly) {
    return await deliver(
      client,
      ticket,
      messages.map((m) => threadTs ? { ...m, thread_ts: threadTs } : m),
      keepUnderLock,
    );
  }
  let posted;
  try {
    posted = await slackCall(client, "chat.postMessage", {
      ...messages[0],
      unfurl_links: false,
    });
  } catch (error) {
    if (refusedForGood(error)) {
      return {
        failures: [error],
        lost: messages.map((message) => ({ message, error })),
      };
    }
    // Sent later, the first as the first message of the DM conversation;
    // not kept (the ticket stayed busy), lost, and its writer told so.
    const kept = await keepUnderLock(client, ticket, messages);
    const notKept = new NotKept(error);
    return {
      failures: [error],
      lost: kept
        ? []
        : messages.map((message) => ({ message, error: notKept })),
    };
  }
  const root = String(posted.ts);
  const recorded = await updateTicketFields(client, ticket.id, {
    requester_thread: threadRef(String(posted.channel), root),
  }).then(() => [], (error) => [error]);
  const rest = await deliver(
    client,
    ticket,
    messages.slice(1).map((m) => ({
      ...m,
      channel: String(posted.channel),
      thread_ts: root,
    })),
    keepUnderLock,
  );
  return { ...rest, failures: [...recorded, ...rest.failures] };
}
