// What the :ticket: reaction answers: in the message's thread when a ticket
// was made, privately to the person who reacted when not.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { channelMention, userMention } from "./mrkdwn.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/reaction_marks.ts";

export function intakeReply(
  ticket: Ticket,
  cardLink: string,
  reporter: string,
): string {
  const forWhom = ticket.requester === reporter
    ? ""
    : ` for ${userMention(ticket.requester)}, who will get updates by DM`;
  return `:ticket: ${
    userMention(reporter)
  } turned this message into <${cardLink}|${ticket.key}>${forWhom}.`;
}

export function markStuck(): string {
  return `Helpdesk is already turning this message into a ticket (its :${TICKET_MARK}: mark is on it). If no ticket appears within two minutes, react again: a mark left by an attempt that stopped half-way has expired by then, and Helpdesk clears it.`;
}

export function alreadyATicket(ticket: Ticket): string {
  return `This message is already ticket ${ticket.key}; follow it there.`;
}

export function cannotReadMessage(channel: string, direct: boolean): string {
  return direct
    ? "Helpdesk can't read direct messages, so it can't make a ticket from this one. Use the “Open a ticket” shortcut instead."
    : `Helpdesk can't read messages in ${
      channelMention(channel)
    }, so no ticket was made. Invite it there (\`/invite @Helpdesk\`) and react again, or use the “Open a ticket” shortcut.`;
}

export function notAnIntakeChannel(channel: string): string {
  return `${
    channelMention(channel)
  } isn't set up for tickets by reaction, so no ticket was made. A Helpdesk admin can add it as an intake channel with “Configure a queue”, or you can use the “Open a ticket” shortcut.`;
}

/**
 * To someone whose workflow asked again for what it asked minutes ago: the
 * same request, recognised, instead of a second ticket.
 */
export function sameStepRequest(ticket: Ticket, minutesAgo: number): string {
  const when = minutesAgo < 1
    ? "just now"
    : `${minutesAgo} minute${minutesAgo === 1 ? "" : "s"} ago`;
  return `This is ${ticket.key}, which you asked for ${when} with the same details, so Helpdesk did not open another ticket.`;
}
