// Talking through a ticket (see helpdesk/tickets/conversation.ts): an agent's
// reply to the requester, an agent's internal note, and what the requester
// adds. Each is a change to the ticket, made under its lock: a reply is a
// first response for the service levels, the requester's answer takes a
// ticket that waited on them back to the agents, and each queues its JSM
// comment. What is said goes out only once the ticket is saved.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  checkMessage,
  type ConversationAction,
  conversationRefusal,
  mayConverse,
  requesterSide,
  resumedByRequester,
  threadRef,
} from "../../helpdesk/tickets/conversation.ts";
import { queueJsmComment } from "../../helpdesk/tickets/jsm_comments.ts";
import {
  type ChangeOutcome,
  changeUnderLock,
  isQueueAgent,
} from "../changes/change_ticket.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import {
  keepForLater,
  type OutboxMessage,
  sendOrKeep,
} from "../../slack/workspace/outbox.ts";
import { dmEach } from "../../slack/workspace/direct_messages.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import {
  commentEcho,
  fromRequesterPrivately,
  fromRequesterSide,
  internalNote,
  privateNoteLine,
  replyEcho,
  replyForRequester,
  RESUMED,
} from "../../slack/blocks/conversation_messages.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";

export type ConversationResult =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; reason: string; ticket?: Ticket };

export type Speaker =
  | {
    ok: true;
    ticket: Ticket;
    settings: HelpdeskSettings;
    queue: Queue;
  }
  | { ok: false; reason: string; ticket?: Ticket };

/** Whether the person may say this about the ticket; before a modal opens. */
export async function checkSpeaker(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
  action: ConversationAction,
): Promise<Speaker> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, queue } = loaded;
  const isRequester = ticket.requester === person;
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

export async function converse(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
  action: ConversationAction,
  written: unknown,
  now = Math.floor(Date.now() / 1000),
): Promise<ConversationResult> {
  const message = checkMessage(written);
  if (!message.ok) return message;
  const speaker = await checkSpeaker(client, ticketId, person, action);
  if (!speaker.ok) return speaker;
  return await said(client, speaker, person, action, message.text, now);
}

/**
 * The requester's own words from their side, already checked to be theirs
 * (a message in the thread of the message their ticket was made from).
 */
export async function relayFromRequester(
  client: SlackAPIClient,
  speaker: Extract<Speaker, { ok: true }>,
  author: string,
  text: string,
  now: number,
): Promise<ConversationResult> {
  return await said(client, speaker, author, "comment", text, now, {
    echo: false,
  });
}

async function said(
  client: SlackAPIClient,
  speaker: Extract<Speaker, { ok: true }>,
  person: string,
  action: ConversationAction,
  text: string,
  now: number,
  options = { echo: true },
): Promise<ConversationResult> {
  const { settings, queue } = speaker;
  const changed = await changeUnderLock(
    client,
    settings,
    speaker.ticket,
    (latest) => decide(latest, action, person, text, now),
    { now, actorId: person },
  );
  if (!changed.ok) return changed;
  const ticket = changed.ticket;
  const notShown = [...changed.notShown];
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  if (action === "reply") {
    notShown.push(
      ...await toRequesterSide(
        client,
        ticket,
        replyForRequester(ticket, person, text),
        { actionTriggerUrl: settings.action_trigger_url },
      ),
    );
  }
  if (action === "comment" && options.echo) {
    notShown.push(
      ...await toRequesterSide(client, ticket, commentEcho(ticket, text), {
        dmOnly: true,
        actionTriggerUrl: settings.action_trigger_url,
      }),
    );
  }
  // The card's thread is in a shared channel: a private ticket's words go
  // to its agents by DM instead.
  if (ticket.private && action !== "reply") {
    const agents = await new QueueDirectory(client, queue, ticket.requester)
      .agents();
    const privately = action === "note"
      ? internalNote(person, text)
      : fromRequesterPrivately(ticket, person, text, cardLink);
    const { failures } = await dmEach(
      client,
      agents.filter((a) => a !== person),
      { text: privately, blocks: [] },
    );
    notShown.push(...failures);
  }
  return { ok: true, ticket, notShown };
}

/** The ticket after it, and the line for the card's thread. */
function decide(
  latest: Ticket,
  action: ConversationAction,
  person: string,
  text: string,
  now: number,
): ChangeOutcome {
  const base = { ...latest, updated_at: now };
  if (action === "reply") {
    return {
      ok: true,
      change: {
        ticket: queueJsmComment(
          { ...base, first_response_at: latest.first_response_at ?? now },
          { body: text, public: true, author: person, role: "agent" },
        ),
        actorId: person,
        summary: replyEcho(latest, person, text),
      },
    };
  }
  if (action === "note") {
    return {
      ok: true,
      change: {
        ticket: queueJsmComment(base, {
          body: text,
          public: false,
          author: person,
          role: "agent",
        }),
        actorId: person,
        summary: latest.private
          ? privateNoteLine(person)
          : internalNote(person, text),
      },
    };
  }
  const resumed = person === latest.requester
    ? resumedByRequester(base, now)
    : undefined;
  return {
    ok: true,
    change: {
      ticket: queueJsmComment(resumed ?? base, {
        body: text,
        public: true,
        author: person,
        role: person === latest.requester ? "requester" : "participant",
      }),
      actorId: person,
      summary: fromRequesterSide(latest, person, text) +
        (resumed ? `\n${RESUMED}` : ""),
      statusChange: resumed
        ? { from: latest.status, to: resumed.status }
        : undefined,
    },
  };
}

/**
 * Posts on the requester's side. A DM conversation starts with its first
 * message, which is then recorded as the thread to keep to.
 */
async function toRequesterSide(
  client: SlackAPIClient,
  ticket: Ticket,
  text: string,
  options: { dmOnly?: boolean; actionTriggerUrl?: string } = {},
): Promise<unknown[]> {
  const side = requesterSide(ticket);
  const isDm = (channel: string) =>
    channel === ticket.requester || /^D/.test(channel);
  const toDm = options.dmOnly && !isDm(side.channel);
  const channel = toDm ? ticket.requester : side.channel;
  const threadTs = toDm ? undefined : side.thread_ts;
  // In a DM the requester answers with the button (the DM is read-only);
  // in a channel's thread, by writing in it.
  const message: OutboxMessage = {
    channel,
    text,
    ...(isDm(channel)
      ? { blocks: requesterDmBlocks(ticket, text, options.actionTriggerUrl) }
      : {}),
  };
  if (threadTs || options.dmOnly) {
    return await sendOrKeep(client, ticket, [
      { ...message, ...(threadTs ? { thread_ts: threadTs } : {}) },
    ]);
  }
  try {
    const posted = await slackCall(client, "chat.postMessage", {
      ...message,
      unfurl_links: false,
    });
    await updateTicketFields(client, ticket.id, {
      requester_thread: threadRef(String(posted.channel), String(posted.ts)),
    });
    return [];
  } catch (error) {
    // Sent later, as the first message of the DM conversation then.
    await keepForLater(client, ticket, [message]);
    return [error];
  }
}
