// What the requester reads in their DMs from Helpdesk besides status news
// (ticket_messages.ts): their own change confirmed, and a move to another
// queue. The buttons under them are in requester_actions.ts.
import type { Status, Ticket } from "../../helpdesk/tickets/model.ts";
import {
  canReopen,
  type ReopenRules,
} from "../../helpdesk/tickets/requester_actions.ts";
import { escapeMrkdwn, userMention } from "./mrkdwn.ts";

/**
 * The requester's own change of status, confirmed where they can undo it:
 * closing or withdrawing, and reopening. Undefined for any other (a reply
 * of theirs that took a waiting ticket back to the agents says so itself).
 */
export function ownChangeDm(
  ticket: Ticket,
  from: Status,
  link: string,
  rules: ReopenRules,
  now: number,
): string | undefined {
  const key = `<${link}|${ticket.key}>`;
  const summary = `“${escapeMrkdwn(ticket.summary)}”`;
  if (ticket.status === "closed") {
    const reopen = canReopen(ticket, rules, now)
      ? ` Changed your mind? Reopen it within ${rules.reopenDays} ${
        rules.reopenDays === 1 ? "day" : "days"
      }.`
      : "";
    return ticket.close_reason === "withdrawn"
      ? `:ticket: You withdrew ${key} ${summary}: it is closed.${reopen}`
      : `:ticket: You closed ${key} ${summary}. Thanks for confirming the fix.${reopen}`;
  }
  if (from !== "resolved" && from !== "closed") return undefined;
  return `:ticket: You reopened ${key} ${summary}: it is back with the agents. I'll message you here when its status changes.`;
}

/** Told when an agent moved the ticket to another team's queue. */
export function movedDm(
  ticket: Ticket,
  queueName: string,
  actorId: string,
  link: string,
): string {
  return `:arrow_right: ${
    userMention(actorId)
  } moved your ticket <${link}|${ticket.key}> “${
    escapeMrkdwn(ticket.summary)
  }” to the *${
    escapeMrkdwn(queueName)
  }* queue: its agents will pick it up. I'll message you here when its status changes.`;
}
