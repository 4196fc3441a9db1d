// A message becomes a ticket when someone reacts to it with the intake emoji
// in a queue's intake channel. Slack may deliver the event more than once and
// several people may react at once, so the run that makes the ticket is the
// one whose ticket mark (Helpdesk's own reaction) Slack accepts; every other
// run sees `already_reacted` and stops. A run that fails takes its mark back,
// so reacting again retries.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { getSettings, NOT_CONFIGURED } from "../storage/settings_store.ts";
import { listStoredQueues } from "../storage/queue_store.ts";
import {
  findTicketId,
  getTicket,
  lookupByMessage,
} from "../storage/ticket_store.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { type OpenedTicket, openTicket } from "./open_ticket.ts";
import {
  DEFAULT_INTAKE_EMOJI,
  descriptionFromMessage,
  summaryFromMessage,
  TICKET_MARK,
} from "../../helpdesk/tickets/message_ticket.ts";
import { tsFromMessageLink } from "../../helpdesk/tickets/message_links.ts";
import { DEFAULT_CATEGORY } from "../../helpdesk/tickets/ticket_input.ts";
import {
  alreadyATicket,
  cannotReadMessage,
  intakeReply,
  notAnIntakeChannel,
} from "../blocks/intake_messages.ts";
import { messageLink } from "../blocks/ticket_messages.ts";
import { tellPerson } from "./tell_person.ts";

export interface ReactedMessage {
  channel: string;
  message_ts: string;
  message_link?: string;
  parent_message_link?: string;
  author?: string;
  reaction: string;
  user: string;
}

export type IntakeOutcome =
  | { kind: "opened"; opened: OpenedTicket }
  /** Someone else's run has it, or had it: nothing to do. */
  | { kind: "duplicate" }
  /** Not Helpdesk's reaction (another emoji): ignored. */
  | { kind: "ignored" }
  /** The reactor was told why no ticket was made. */
  | { kind: "refused"; reason: string };

/** Helpdesk is not in the channel, or can't see it (private, uninvited). */
const UNREADABLE = new Set(["not_in_channel", "channel_not_found"]);

export async function ticketFromMessage(
  client: SlackAPIClient,
  message: ReactedMessage,
  options: { syncToJsm?: boolean; nowMs?: number } = {},
): Promise<IntakeOutcome> {
  const { channel, message_ts: ts } = message;
  // Direct messages are never intake channels, and Helpdesk can't read them.
  if (/^D/.test(channel)) {
    return refuse(client, message, cannotReadMessage(channel, true));
  }
  const [settings, existingId, stored] = await Promise.all([
    getSettings(client),
    findTicketId(client, lookupByMessage(channel, ts)),
    listStoredQueues(client),
  ]);
  if (!settings) return refuse(client, message, NOT_CONFIGURED);
  if (message.reaction !== (settings.intake_emoji ?? DEFAULT_INTAKE_EMOJI)) {
    return { kind: "ignored" };
  }
  // A lookup without its ticket is left by a run that failed to save.
  const existing = existingId ? await getTicket(client, existingId) : undefined;
  if (existing) return await alreadyDone(client, message, existing);
  // The default queue takes reactions only once edited as a queue, so the
  // stored queues are all there is to look through.
  const queue = stored.find((q) => q.intake_channels.includes(channel));
  if (!queue) return refuse(client, message, notAnIntakeChannel(channel));

  const threadTs = tsFromMessageLink(message.parent_message_link);
  // Reading changes nothing, so it goes along with taking the mark; its
  // answer is used only by the run that got the mark.
  const read = readMessageText(client, channel, ts, threadTs).then(
    (text) => ({ text }),
    (error) => ({ error }),
  );
  try {
    await slackCall(client, "reactions.add", {
      channel,
      timestamp: ts,
      name: TICKET_MARK,
    });
  } catch (error) {
    if (error instanceof SlackCallError && error.code === "already_reacted") {
      return { kind: "duplicate" };
    }
    if (error instanceof SlackCallError && UNREADABLE.has(error.code)) {
      return refuse(client, message, cannotReadMessage(channel, false));
    }
    throw error;
  }

  try {
    const answer: { text?: string; error?: unknown } = await read;
    if (answer.error !== undefined) throw answer.error;
    const text = answer.text ?? "";
    const permalink = message.message_link ||
      messageLink(settings.workspace_url, channel, ts);
    const requester = message.author || message.user;
    const opened = await openTicket(
      client,
      {
        summary: summaryFromMessage(text),
        description: descriptionFromMessage(text, permalink),
        priority: "normal",
        category: DEFAULT_CATEGORY,
        requester,
        source_channel: channel,
      },
      "reaction",
      options.nowMs,
      {
        syncToJsm: options.syncToJsm,
        queueId: queue.id,
        reporter: message.user,
        sourceMessageTs: ts,
      },
    );
    await slackCall(client, "chat.postMessage", {
      channel,
      thread_ts: threadTs ?? ts,
      text: intakeReply(opened.ticket, opened.cardLink, message.user),
      unfurl_links: false,
    }).catch((error) =>
      console.warn(`${opened.ticket.key}: no reply in the thread:`, error)
    );
    return { kind: "opened", opened };
  } catch (error) {
    // Taken back so that reacting again tries again.
    await slackCall(client, "reactions.remove", {
      channel,
      timestamp: ts,
      name: TICKET_MARK,
    }).catch(() => {});
    if (error instanceof SlackCallError && UNREADABLE.has(error.code)) {
      return refuse(client, message, cannotReadMessage(channel, false));
    }
    throw error;
  }
}

/** The message's text: from the channel, or from its thread if a reply. */
async function readMessageText(
  client: SlackAPIClient,
  channel: string,
  ts: string,
  threadTs: string | undefined,
): Promise<string> {
  const window = { channel, oldest: ts, latest: ts, inclusive: true };
  const page = threadTs
    ? await slackCall(client, "conversations.replies", {
      ...window,
      ts: threadTs,
      limit: 2,
    })
    : await slackCall(client, "conversations.history", { ...window, limit: 1 });
  const found = (page.messages ?? []).find((m: { ts?: string }) => m.ts === ts);
  if (!found) {
    throw new SlackCallError("conversations.history", "message_not_found");
  }
  return String(found.text ?? "");
}

async function alreadyDone(
  client: SlackAPIClient,
  message: ReactedMessage,
  ticket: Ticket,
): Promise<IntakeOutcome> {
  // The same person's event again (Slack redelivers) needs no answer.
  if (ticket.reporter === message.user || ticket.requester === message.user) {
    return { kind: "duplicate" };
  }
  await tell(client, message, alreadyATicket(ticket));
  return { kind: "duplicate" };
}

async function refuse(
  client: SlackAPIClient,
  message: ReactedMessage,
  reason: string,
): Promise<IntakeOutcome> {
  await tell(client, message, reason);
  return { kind: "refused", reason };
}

/** Privately, where they reacted (a DM when Helpdesk can't post there). */
function tell(client: SlackAPIClient, message: ReactedMessage, text: string) {
  return tellPerson(client, {
    user: message.user,
    channel: message.channel,
    thread_ts: tsFromMessageLink(message.parent_message_link),
  }, text);
}
