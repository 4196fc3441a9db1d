// Messages about a ticket that must not be lost to a passing failure. When
// Slack refuses a thread reply or a DM for a reason that may pass (a rate
// limit, an error on Slack's side), the message is kept on the ticket and
// the scheduled check sends it again. A message whose answer was lost after
// Slack had posted it may so arrive twice; one refused for a lasting reason
// (the person left, the channel is gone) is dropped, and the card's thread
// is told what did not arrive (a kept message's writer is not recorded).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { KnownBlock } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { updateTicketFields } from "../storage/ticket_store.ts";
import { notDelivered } from "../blocks/conversation_messages.ts";
import { userMention } from "../blocks/mrkdwn.ts";
import { refusedAsBot } from "./bot_user.ts";

export interface OutboxMessage {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks?: KnownBlock[];
}

/** Refusals that sending again won't change. */
const LASTING = new Set([
  "channel_not_found",
  "is_archived",
  "is_inactive",
  "user_not_found",
  "user_disabled",
  "account_inactive",
  "cannot_dm_bot",
  "msg_too_long",
  "invalid_blocks",
  "no_text",
  "missing_scope",
  "restricted_action",
]);

/**
 * A message Slack refused for now that could not be kept for the scheduled
 * check either (its ticket stayed busy): it will never arrive, like one
 * refused for good, and its writer or the card's thread must hear so.
 */
export class NotKept {
  constructor(readonly refusal: unknown) {}
}

/** Why a message will never arrive, as its writer and the card are told. */
export function whySlackRefused(error: unknown): string {
  const refusal = error instanceof NotKept ? error.refusal : error;
  return `Slack refused it${
    refusal instanceof SlackCallError ? ` (${refusal.code})` : ""
  }${
    refusal === error
      ? ""
      : " for now, and Helpdesk could not keep it to send later"
  }.`;
}

/** Whether Slack refused it for good: sending it again won't change that. */
export function refusedForGood(error: unknown): boolean {
  return !passing(error);
}

function passing(error: unknown): boolean {
  return !(error instanceof SlackCallError) || !LASTING.has(error.code);
}

async function post(client: SlackAPIClient, message: OutboxMessage) {
  await slackCall(client, "chat.postMessage", {
    ...message,
    unfurl_links: false,
  });
}

/**
 * Posts each message; those refused for a passing reason are kept on the
 * ticket. Answers the failures, for the caller to report.
 */
export async function sendOrKeep(
  client: SlackAPIClient,
  ticket: Ticket,
  messages: OutboxMessage[],
): Promise<unknown[]> {
  const before = ticket.outbox;
  // Kept (keepForLater wrote the ticket's outbox anew), a passing failure
  // is sent by the scheduled check: said to come later (not_shown.ts).
  return (await deliver(client, ticket, messages)).failures.map((f) =>
    ticket.outbox !== before && passing(f) ? shownLater(f) : f
  );
}

/**
 * A part of a saved change that Helpdesk shows later by itself (a kept
 * message; a card marked to be redrawn): its person is told it comes
 * (not_shown.ts).
 */
export const shownLater = (cause: unknown) => ({ later: cause });

export interface Delivery {
  failures: unknown[];
  /** Refused for good: they will never arrive, and someone must be told. */
  lost: { message: OutboxMessage; error: unknown }[];
}

/**
 * Posts the messages, those for one place (a DM, a thread) one after the
 * other, so that a long text cut into parts arrives in order. When one is
 * refused for a passing reason, it and those after it for the same place are
 * kept on the ticket, still in order; one refused for good is answered as
 * lost, for the caller to tell whoever wrote it.
 */
export async function deliver(
  client: SlackAPIClient,
  ticket: Ticket,
  messages: OutboxMessage[],
  keep: Keep = keepForLater,
): Promise<Delivery> {
  const places = new Map<string, OutboxMessage[]>();
  for (const m of messages) {
    const place = placeOf(m);
    places.set(place, [...places.get(place) ?? [], m]);
  }
  const failures: unknown[] = [];
  const lost: Delivery["lost"] = [];
  const kept: OutboxMessage[] = [];
  await Promise.all([...places.values()].map(async (inOrder) => {
    for (const [i, message] of inOrder.entries()) {
      try {
        await post(client, message);
      } catch (error) {
        // A DM to a bot (a role's channel holds apps too): no person was
        // there to miss it, so nobody is told.
        if (refusedAsBot(error)) return;
        failures.push(error);
        if (passing(error)) {
          kept.push(...inOrder.slice(i));
          return;
        }
        console.error(`${ticket.key}: a message was refused for good`, error);
        lost.push({ message, error });
      }
    }
  }));
  // Not kept (the ticket stayed busy): lost after all, for the caller to
  // tell as it tells a refusal for good, never claimed to come later.
  if (!await keep(client, ticket, kept)) {
    const error = new NotKept(failures.find(passing));
    lost.push(...kept.map((message) => ({ message, error })));
  }
  return { failures, lost };
}

/**
 * How messages are kept on the ticket: keepForLater under the ticket's lock
 * (a change's own), or the conversation's keepUnderLock after it. Whether
 * they were kept (nothing to keep counts as kept).
 */
export type Keep = (
  client: SlackAPIClient,
  ticket: Ticket,
  messages: OutboxMessage[],
) => Promise<boolean>;

const placeOf = (m: OutboxMessage) => `${m.channel} ${m.thread_ts ?? ""}`;

/** Keeps messages on the ticket for the scheduled check to send. */
export async function keepForLater(
  client: SlackAPIClient,
  ticket: Ticket,
  messages: OutboxMessage[],
): Promise<boolean> {
  if (messages.length === 0) return true;
  const outbox = [
    ...ticket.outbox ?? [],
    ...messages.map((m) => JSON.stringify(m)),
  ];
  return await updateTicketFields(client, ticket.id, {
    outbox,
    outbox_due: true,
  })
    // The run's ticket holds what it kept, so that what it keeps next (the
    // conversation's words after its change's thread line) adds to it
    // rather than writing over it (and sendOrKeep knows it was kept).
    .then(() => !!(ticket.outbox = outbox), (error) => {
      console.error(`${ticket.key}: messages not kept`, error);
      return false;
    });
}

/** Sends what the ticket kept; keeps what fails again for a passing reason. */
export async function flushOutbox(
  client: SlackAPIClient,
  ticket: Ticket,
): Promise<number> {
  const kept = (ticket.outbox ?? []).flatMap((json) => {
    try {
      return [JSON.parse(json) as OutboxMessage];
    } catch {
      return [];
    }
  });
  let sent = 0;
  const still: string[] = [];
  // Once one is kept, the rest for its place wait too, to stay in order.
  const waiting = new Set<string>();
  for (const message of kept) {
    if (waiting.has(placeOf(message))) {
      still.push(JSON.stringify(message));
      continue;
    }
    try {
      await post(client, message);
      sent++;
    } catch (error) {
      if (passing(error)) {
        still.push(JSON.stringify(message));
        waiting.add(placeOf(message));
      } else if (!refusedAsBot(error)) {
        console.error(`${ticket.key}: a message was dropped`, error);
        await tellCardOfLost(client, ticket, message, error);
      }
    }
  }
  await updateTicketFields(client, ticket.id, {
    outbox: still,
    outbox_due: still.length > 0,
  });
  return sent;
}

/**
 * A message that will never arrive (a kept one Slack refused for good when
 * sent again, or one that could not be kept): the card's thread
 * says where it was going and why it never will, with its words unless the
 * ticket is private. One meant for that thread itself is only logged: the
 * thread is what refuses.
 */
export async function tellCardOfLost(
  client: SlackAPIClient,
  ticket: Ticket,
  message: OutboxMessage,
  error: unknown,
) {
  const { card_channel: channel, card_ts: thread_ts } = ticket;
  if (!channel || !thread_ts) return;
  if (message.channel === channel && message.thread_ts === thread_ts) return;
  const to = /^[UW]/.test(message.channel)
    ? userMention(message.channel)
    : /^D/.test(message.channel)
    ? "a direct message"
    : `<#${message.channel}>`;
  const notice = notDelivered(ticket, "message", to, whySlackRefused(error));
  const text = ticket.private ? notice : `${notice}\n${message.text}`;
  await post(client, { channel, thread_ts, text }).catch((e) =>
    console.error(`${ticket.key}: the card's thread not told of a loss`, e)
  );
}
