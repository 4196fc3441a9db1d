// What a ticket's conversation looks like: the modals agents and requesters
// write in, what the requester reads on their side, and what the card's
// thread shows. Everything people wrote is escaped; a private ticket's words
// never go into the card's thread, which is in a shared channel.
import type { KnownBlock, ModalView } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  type ConversationAction,
  MESSAGE_LIMIT,
} from "../../helpdesk/tickets/conversation.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";
import { ticketModal } from "./ticket_modal.ts";
import { filesField } from "./file_field.ts";

export const MESSAGE_BLOCK = "message";
export const MESSAGE_ACTION = "message";

const MODALS: Record<
  ConversationAction,
  { title: string; submit: string; label: string; hint: string }
> = {
  reply: {
    title: "Reply to requester",
    submit: "Send",
    label: "Your reply",
    hint:
      "The requester reads it where they asked; it is also kept in the card's thread.",
  },
  note: {
    title: "Internal note",
    submit: "Add note",
    label: "Note for the agents",
    // True whatever roles the requester holds: see conversation.ts.
    hint:
      "Only the queue's agents get it, never the requester: in the card's thread when the requester can't read that channel, otherwise by DM.",
  },
  comment: {
    title: "Add to your ticket",
    submit: "Send",
    label: "Your message",
    hint: "The agents working on it read it in their channel.",
  },
};

export function conversationModal(
  ticket: Ticket,
  action: ConversationAction,
  callbackId: string,
  options: { files?: boolean } = {},
): ModalView {
  const labels = MODALS[action];
  const modal = ticketModal(ticket, callbackId, labels, {
    type: "input",
    block_id: MESSAGE_BLOCK,
    label: { type: "plain_text", text: labels.label },
    hint: { type: "plain_text", text: labels.hint },
    element: {
      type: "plain_text_input",
      action_id: MESSAGE_ACTION,
      multiline: true,
      max_length: MESSAGE_LIMIT,
    },
  });
  if (action !== "reply") return modal;
  const blocks = [...modal.blocks, ...alsoReaches(ticket)];
  // A reply's files reach the requester after its words (send_ticket_files).
  if (options.files) {
    blocks.push(filesField(
      "Files for the requester",
      "Sent after your reply, where the requester reads it; up to 10 files of 10 MB each.",
    ));
  }
  return { ...modal, blocks };
}

/** Names shown in a context line, at most (3,000 characters of mentions). */
const FOLLOWERS_NAMED = 50;

/**
 * A reply reaches the requesters of tickets merged into this one too, by DM
 * (conversation.ts): the agent is told before sending, not after.
 */
function alsoReaches(ticket: Ticket): KnownBlock[] {
  const followers = ticket.followers ?? [];
  if (!followers.length) return [];
  const named = followers.slice(0, FOLLOWERS_NAMED).map(userMention).join(", ");
  const more = followers.length > FOLLOWERS_NAMED
    ? ` and ${followers.length - FOLLOWERS_NAMED} more`
    : "";
  return [{
    type: "context",
    elements: [{
      type: "mrkdwn",
      text:
        `:busts_in_silhouette: Also sent by DM, with its files, to ${named}${more}: their tickets were merged into this one.`,
    }],
  }];
}

/** In the card's thread, under a reply: that its files follow. */
export function replyFilesFollow(count: number): string {
  return `:paperclip: ${
    count === 1 ? "A file follows" : `${count} files follow`
  } for the requester.`;
}

// Whole: a long text is cut into messages (message_parts.ts), never short.
const quote = (text: string) =>
  escapeMrkdwn(text).split("\n").map((l) => `> ${l}`).join("\n");

/**
 * A reply may say `{requester}` (saved replies do): it becomes a mention of
 * the ticket's requester once the words around it are escaped.
 */
export const REQUESTER_PLACEHOLDER = "{requester}";

const quoteReply = (ticket: Ticket, text: string) =>
  quote(text).replaceAll(REQUESTER_PLACEHOLDER, userMention(ticket.requester));

/** On the requester's side: an agent's reply, from Helpdesk, naming them. */
export function replyForRequester(
  ticket: Ticket,
  agent: string,
  text: string,
): string {
  return `:speech_balloon: ${
    userMention(agent)
  } replied about ${ticket.key}:\n${quoteReply(ticket, text)}`;
}

/** In the card's thread: the reply as sent, or that one was sent. */
export function replyEcho(ticket: Ticket, agent: string, text: string): string {
  return ticket.private
    ? `:outbox_tray: ${userMention(agent)} replied to the requester by DM.`
    : `:outbox_tray: ${userMention(agent)} replied to the requester:\n${
      quoteReply(ticket, text)
    }`;
}

/** In a private ticket's card thread: that a note was written, not what. */
export function privateNoteLine(agent: string): string {
  return `:lock: ${
    userMention(agent)
  } added an internal note; the agents have it by DM.`;
}

export function internalNote(agent: string, text: string): string {
  return `:lock: Internal note from ${userMention(agent)}:\n${quote(text)}`;
}

/** In the card's thread: what the requester (or someone with them) wrote. */
export function fromRequesterSide(
  ticket: Ticket,
  author: string,
  text: string,
): string {
  return ticket.private
    ? `:inbox_tray: ${
      userMention(author)
    } wrote about ${ticket.key}; the agents have it by DM.`
    : `:inbox_tray: ${userMention(author)} wrote:\n${quote(text)}`;
}

/**
 * To each agent of a private ticket, or of one whose card is not recorded
 * yet (no thread to put them in): the requester's words, privately.
 */
export function fromRequesterPrivately(
  ticket: Ticket,
  author: string,
  text: string,
  cardLink: string,
): string {
  return `:inbox_tray: ${
    userMention(author)
  } wrote about <${cardLink}|${ticket.key}>${
    ticket.private ? " (private)" : ""
  }:\n${quote(text)}`;
}

/** On the requester's side: their own message, as the agents got it. */
export function commentEcho(ticket: Ticket, text: string): string {
  return `:outbox_tray: You added to ${ticket.key}; the agents have it:\n${
    quote(text)
  }`;
}

/** The status line added when the requester's answer resumes the work. */
export const RESUMED = "The ticket is back with the agents.";

/**
 * What did not arrive, told to whoever wrote it and in the card's thread:
 * Slack refused it for good (the person left, their DM is closed).
 */
export function notDelivered(
  ticket: Ticket,
  what: "reply" | "message",
  to: string,
  reason: string,
): string {
  const kept = ticket.private
    ? ""
    : ` Its words are kept in the card's thread.`;
  return `:warning: ${
    what === "reply" ? "A reply" : "A message"
  } about ${ticket.key} did not reach ${to}, and Helpdesk will not try again: ${reason}${kept}`;
}

/** To someone whose message in the thread could not be passed on. */
export function notPassedOn(ticket: Ticket, why: { reason: string }): string {
  return `This message was not passed to the agents of ${ticket.key}: ${why.reason}`;
}

/**
 * To a writer told their message was not passed on, when a later delivery
 * of the same event passed it on after all: so they don't post it twice.
 */
export function passedOnAfterAll(ticket: Ticket): string {
  return `Your message was passed to the agents of ${ticket.key} after all (Slack delivered it again). No need to post it again.`;
}

/** Files a writer added in the thread, with files off: none passed on. */
export function filesNotPassedOn(ticket: Ticket, count: number): string {
  return `${
    count === 1 ? "Your file was" : `Your ${count} files were`
  } not passed to the agents of ${ticket.key}: this Helpdesk passes on words, not files. Say in words what matters in ${
    count === 1 ? "it" : "them"
  }.`;
}

/** Why nothing was passed on (see conversationPaused), said privately. */
export function pausedConversation(
  ticket: Ticket,
  why: "closed" | "awaiting_approval",
): string {
  return why === "closed"
    ? closedTicketNoMore(ticket)
    : `${ticket.key} is waiting for approval, so this was not passed on: nobody works on it until it is approved. Send it again once it is (its requester gets a DM then).`;
}

/** To someone writing in a closed ticket's thread, privately. */
export function closedTicketNoMore(ticket: Ticket): string {
  return `${ticket.key} is closed, so this was not passed to the agents. Open a new ticket (react with :ticket: on your message, or use "Open a ticket") and mention ${ticket.key}.`;
}
