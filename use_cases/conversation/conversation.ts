// Talking through a ticket (see helpdesk/tickets/conversation.ts): an agent's
// reply to the requester, an agent's internal note, and what the requester
// adds. Each is a change to the ticket, made under its lock: a reply is a
// first response for the service levels, the requester's answer takes a
// ticket that waited on them back to the agents, and each queues its JSM
// comment. What is said goes out only once the ticket is saved.
import { withWriter } from "../../helpdesk/tickets/ticket_writers.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  checkMessage,
  type ConversationAction,
  conversationPaused,
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
import {
  loadQueuedTicket,
  type QueuedTicket,
} from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import {
  deliver,
  type Delivery,
  keepForLater,
  type OutboxMessage,
  refusedForGood,
  whySlackRefused,
} from "../../slack/workspace/outbox.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { tellPerson, whereToTell } from "../../slack/workspace/tell_person.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import {
  commentEcho,
  fromRequesterPrivately,
  fromRequesterSide,
  internalNote,
  notDelivered,
  pausedConversation,
  privateNoteLine,
  replyEcho,
  replyFilesFollow,
  replyForRequester,
  RESUMED,
} from "../../slack/blocks/conversation_messages.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";
import { recordUse } from "../../helpdesk/queues/saved_reply_uses.ts";
import { REQUESTER_PLACEHOLDER } from "../../slack/blocks/conversation_messages.ts";
import { offeredReplies } from "./saved_reply_offer.ts";

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
  const found = await loadQueuedTicket(client, ticketId);
  // What a merged ticket's requester adds goes to the ticket kept instead.
  const loaded = action === "comment" && found.ok &&
      found.ticket.requester === person
    ? await followMerge(client, found)
    : found;
  if (!loaded.ok) return loaded;
  const { ticket, queue } = loaded;
  const paused = conversationPaused(ticket, action);
  if (paused) {
    return { ok: false, reason: pausedConversation(ticket, paused), ticket };
  }
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
 * A ticket merged into another as its duplicate: its requester follows the
 * kept one now, so what they write reaches the kept ticket's card (marked
 * with who wrote it, as any participant's words). One step is enough: a
 * ticket that has others merged into it is never merged itself
 * (helpdesk/tickets/ticket_merge.ts).
 */
export async function followMerge(
  client: SlackAPIClient,
  found: QueuedTicket,
): Promise<QueuedTicket> {
  if (!found.ok || !found.ticket.merged_into) return found;
  const kept = await loadQueuedTicket(client, found.ticket.merged_into);
  return kept.ok ? kept : found;
}

export async function converse(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
  action: ConversationAction,
  written: unknown,
  now = Math.floor(Date.now() / 1000),
  savedReplyId?: string,
  /** How many files a reply sends after its words (send_ticket_files). */
  fileCount = 0,
): Promise<ConversationResult> {
  const message = checkMessage(written);
  if (!message.ok) return message;
  const speaker = await checkSpeaker(client, ticketId, person, action);
  if (!speaker.ok) return speaker;
  // Counted only when it is one of the queue's: the pick comes from the
  // person's client.
  const savedReply = action === "reply" && savedReplyId &&
      (await offeredReplies(client, speaker.queue.id)).some((r) =>
        r.id === savedReplyId
      )
    ? savedReplyId
    : undefined;
  return await said(client, speaker, person, action, message.text, now, {
    echo: true,
    savedReply,
    fileCount: action === "reply" ? fileCount : 0,
  });
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
  writerAt?: WriterPlace,
): Promise<ConversationResult> {
  return await said(client, speaker, author, "comment", text, now, {
    echo: false,
    writerAt,
  });
}

/** Where the writer is told what did not arrive (their thread, if any). */
export interface WriterPlace {
  channel?: string;
  thread_ts?: string;
}

async function said(
  client: SlackAPIClient,
  speaker: Extract<Speaker, { ok: true }>,
  person: string,
  action: ConversationAction,
  text: string,
  now: number,
  options: {
    echo: boolean;
    writerAt?: WriterPlace;
    savedReply?: string;
    fileCount?: number;
  } = {
    echo: true,
  },
): Promise<ConversationResult> {
  const { settings, queue } = speaker;
  const directory = new QueueDirectory(client, queue, speaker.ticket.requester);
  // A note goes into the card's thread only where its requester can't read
  // it; everywhere else, to the queue's agents by DM.
  const noteInThread = action === "note" &&
    await threadHiddenFromRequester(client, directory, speaker.ticket);
  const changed = await changeUnderLock(
    client,
    settings,
    speaker.ticket,
    (latest) =>
      decide(
        latest,
        action,
        person,
        text,
        now,
        noteInThread,
        options.savedReply,
        options.fileCount,
      ),
    { now, actorId: person },
  );
  if (!changed.ok) return changed;
  const ticket = changed.ticket;
  const notShown = [...changed.notShown];
  const lost: { to: string; error: unknown }[] = [];
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  if (action === "reply") {
    const sent = await toRequesterSide(
      client,
      ticket,
      replyForRequester(ticket, person, text),
      { actionTriggerUrl: settings.action_trigger_url },
    );
    notShown.push(...sent.failures);
    if (sent.lost.length) {
      lost.push({ to: "the requester", error: sent.lost[0].error });
    }
  }
  if (action === "reply" && ticket.followers?.length) {
    // The requesters of tickets merged into this one hear it too, by DM
    // (helpdesk/tickets/ticket_merge.ts): one answer for everyone.
    const parts = numberedParts(replyForRequester(ticket, person, text));
    const sent = await deliver(
      client,
      ticket,
      ticket.followers.flatMap((follower) =>
        parts.map((part) => ({ channel: follower, text: part }))
      ),
    );
    notShown.push(...sent.failures);
    const missed = [...new Set(sent.lost.map((l) => l.message.channel))];
    if (missed.length) {
      lost.push({
        to: missed.map(userMention).join(", "),
        error: sent.lost[0].error,
      });
    }
  }
  // Their own copy goes to the ticket's requester's DM: not a follower's.
  if (action === "comment" && options.echo && person === ticket.requester) {
    // Only their own copy: the agents have the words, so nothing is lost.
    const sent = await toRequesterSide(
      client,
      ticket,
      commentEcho(ticket, text),
      { dmOnly: true, actionTriggerUrl: settings.action_trigger_url },
    );
    notShown.push(...sent.failures);
  }
  // The card's thread is in a shared channel: a private ticket's words, and
  // a note its requester could read there, go to its agents by DM instead,
  // never to the requester, whatever roles they also hold.
  const byDm = action === "note" ? !noteInThread : ticket.private;
  if (byDm && action !== "reply") {
    const agents = (await directory.agents())
      .filter((a) => a !== ticket.requester);
    const privately = action === "note"
      ? internalNote(person, text)
      : fromRequesterPrivately(ticket, person, text, cardLink);
    const parts = numberedParts(privately);
    const sent = await deliver(
      client,
      ticket,
      agents.filter((a) => a !== person).flatMap((agent) =>
        parts.map((part) => ({ channel: agent, text: part }))
      ),
    );
    notShown.push(...sent.failures);
    const missed = [...new Set(sent.lost.map((l) => l.message.channel))];
    if (missed.length) {
      lost.push({
        to: missed.map(userMention).join(", "),
        error: sent.lost[0].error,
      });
    }
  }
  for (const { to, error } of lost) {
    notShown.push(error);
    await tellWhatWasLost(client, ticket, person, action, to, error, options)
      .catch((e) => notShown.push(e));
  }
  return { ok: true, ticket, notShown };
}

/** The writer and the card's thread learn what will never arrive. */
async function tellWhatWasLost(
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
    }]));
  }
  await Promise.all(told);
}

/**
 * Whether the ticket's requester can't read its card's thread: a private
 * channel they are not in. A public channel is open to everyone in the
 * workspace; when Slack can't say, the thread is taken as readable.
 */
async function threadHiddenFromRequester(
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

/** The ticket after it, and the line for the card's thread. */
function decide(
  latest: Ticket,
  action: ConversationAction,
  person: string,
  text: string,
  now: number,
  noteInThread: boolean,
  savedReply?: string,
  fileCount = 0,
): ChangeOutcome {
  // Closed or sent for approval since the modal opened.
  const paused = conversationPaused(latest, action);
  if (paused) return { ok: false, reason: pausedConversation(latest, paused) };
  // Who wrote is remembered, so that erasing them finds this ticket.
  const base = { ...latest, ...withWriter(latest, person), updated_at: now };
  if (action === "reply") {
    return {
      ok: true,
      change: {
        ticket: queueJsmComment(
          {
            ...base,
            first_response_at: latest.first_response_at ?? now,
            last_reply: text,
            ...(savedReply
              ? {
                saved_reply_uses: recordUse(
                  latest.saved_reply_uses,
                  savedReply,
                  now,
                ),
              }
              : {}),
          },
          {
            body: text.replaceAll(REQUESTER_PLACEHOLDER, "the requester"),
            public: true,
            author: person,
            role: "agent",
          },
        ),
        actorId: person,
        summary: replyEcho(latest, person, text) +
          (fileCount ? `\n${replyFilesFollow(fileCount)}` : ""),
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
        summary: noteInThread && !latest.private
          ? internalNote(person, text)
          : privateNoteLine(person),
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
 * Posts on the requester's side, cut into parts Slack takes whole, in
 * order. A DM conversation starts with its first message, which is then
 * recorded as the thread to keep to; the rest of a long text follows in it.
 */
async function toRequesterSide(
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
    // Sent later, the first as the first message of the DM conversation.
    await keepForLater(client, ticket, messages);
    return { failures: [error], lost: [] };
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
  );
  return { ...rest, failures: [...recorded, ...rest.failures] };
}
