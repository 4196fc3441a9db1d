// The conversation a ticket carries. Agents talk in the card's thread; the
// requester talks on their own side: the thread of the message a :ticket:
// reaction turned into the ticket, or Helpdesk's DM to them for any other
// ticket. What an agent sends with "Reply to requester" reaches that side;
// what the requester writes there reaches the card's thread; everything else
// agents write stays with the agents.
import type { Ticket } from "./model.ts";
import { withStatus } from "./ticket_actions.ts";

export const CONVERSATION_ACTIONS = ["reply", "note", "comment"] as const;
export type ConversationAction = typeof CONVERSATION_ACTIONS[number];

export function isConversationAction(
  action: string,
): action is ConversationAction {
  return (CONVERSATION_ACTIONS as readonly string[]).includes(action);
}

/** A modal's text input holds at most 3,000 characters. */
export const MESSAGE_LIMIT = 3000;

/**
 * A message written in Slack (the requester's thread) holds up to 40,000
 * characters (chat.postMessage's msg_too_long): passed on whole, in parts.
 */
export const THREAD_MESSAGE_LIMIT = 40_000;

export type MessageCheck =
  | { ok: true; text: string }
  | { ok: false; reason: string };

export function checkMessage(
  text: unknown,
  limit = MESSAGE_LIMIT,
): MessageCheck {
  if (typeof text !== "string" || !text.trim()) {
    return { ok: false, reason: "Write something to send." };
  }
  const trimmed = text.trim();
  if (trimmed.length > limit) {
    return {
      ok: false,
      reason: `Keep it under ${limit} characters (this is ${trimmed.length}).`,
    };
  }
  return { ok: true, text: trimmed };
}

export interface RequesterSide {
  channel: string;
  /** Absent for a DM conversation not started yet: its first message is. */
  thread_ts?: string;
}

/**
 * Where the requester reads and writes about the ticket. A private ticket
 * is always talked about in the requester's DM.
 */
export function requesterSide(
  ticket: Pick<Ticket, "requester" | "requester_thread" | "private">,
): RequesterSide {
  const thread = ticket.requester_thread;
  if (thread) {
    const at = thread.indexOf(":");
    const channel = thread.slice(0, at);
    // A shared channel's thread can't carry a private ticket's text.
    if (!ticket.private || /^D/.test(channel)) {
      return { channel, thread_ts: thread.slice(at + 1) };
    }
  }
  return { channel: ticket.requester };
}

/** The thread on the requester's side, as stored: "channel:ts". */
export const threadRef = (channel: string, ts: string) => `${channel}:${ts}`;

/**
 * The requester answered while the ticket waited on them: it goes back to
 * the agents and its service-level clocks run again. Undefined otherwise.
 */
export function resumedByRequester(
  ticket: Ticket,
  now: number,
): Ticket | undefined {
  if (ticket.status !== "waiting_on_requester") return undefined;
  return withStatus(ticket, "in_progress", now);
}

export type Speaker = "agent" | "requester";

/**
 * Why nothing is passed on through the ticket now, on either side (a DM's
 * button or the requester's thread alike): a closed ticket takes no more
 * from its requester's side, and a request waiting for approval has nobody
 * working on it yet. Undefined when it may be said.
 */
export function conversationPaused(
  ticket: Ticket,
  action: ConversationAction,
): "closed" | "awaiting_approval" | undefined {
  if (ticket.approval === "pending" && ticket.status !== "closed") {
    return "awaiting_approval";
  }
  if (action === "comment" && ticket.status === "closed") return "closed";
  return undefined;
}

/** Who may use each conversation action. */
export function mayConverse(
  action: ConversationAction,
  speaker: { isAgent: boolean; isRequester: boolean },
): boolean {
  return action === "comment" ? speaker.isRequester : speaker.isAgent;
}

export function conversationRefusal(
  action: ConversationAction,
  key: string,
): string {
  return action === "comment"
    ? `Only the person who asked for ${key} can add to it this way. Nothing was sent.`
    : `Only the agents of ${key}'s queue can ${
      action === "reply" ? "reply to its requester" : "add notes to it"
    }. Nothing was sent.`;
}
