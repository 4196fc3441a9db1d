// The words Helpdesk sends besides the card: the requester's DMs and the
// card's thread replies. People's text is escaped; links are built by us.
import {
  type Status,
  STATUS_LABELS,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwn, slackDateTime, userMention } from "./mrkdwn.ts";
import { requesterSide } from "../../helpdesk/tickets/conversation.ts";

export function ticketOpenedDm(ticket: Ticket, cardLink: string): string {
  return `:ticket: Your ticket <${cardLink}|${ticket.key}> is open: “${
    escapeMrkdwn(ticket.summary)
  }”.\nAgents will pick it up in the triage channel. I'll message you here whenever its status changes.`;
}

const REQUESTER_NEWS: Record<Status, string> = {
  new: "is new again",
  in_progress: "is being worked on",
  waiting_on_requester:
    "is waiting on you: please reply in the ticket's thread",
  resolved: "is resolved. If that fixed it, close it; if not, reopen it",
  closed: "is closed",
};

export function statusChangedDm(
  ticket: Ticket,
  to: Status,
  actorId: string | undefined,
  cardLink: string,
  /** Where the change came from when no Slack user made it. */
  via?: string,
): string {
  const who = actorId
    ? `${userMention(actorId)} set it to ${STATUS_LABELS[to]}.`
    : via
    ? `Set to ${STATUS_LABELS[to]} ${via}.`
    : `Helpdesk set it to ${STATUS_LABELS[to]} automatically.`;
  return `:ticket: <${cardLink}|${ticket.key}> ${REQUESTER_NEWS[to]}. (${who})`;
}

/** A thread reply recording who did what, and when in each reader's zone. */
export function activityReply(summary: string, at: number): string {
  const when = slackDateTime(at);
  return `${summary} · ${when}`;
}

/** The link to a ticket's card; undefined while it has none. */
export function cardLinkOf(
  ticket: Pick<Ticket, "card_channel" | "card_ts">,
  workspaceUrl: string,
): string | undefined {
  return ticket.card_channel && ticket.card_ts
    ? messageLink(workspaceUrl, ticket.card_channel, ticket.card_ts)
    : undefined;
}

/**
 * A link to the requester's side of the conversation about a ticket: the
 * thread it is carried on (see helpdesk/tickets/conversation.ts), else the
 * message it was made from; undefined while there is none yet (a DM
 * conversation starts with an agent's first reply).
 */
export function conversationLink(
  ticket: Ticket,
  workspaceUrl: string,
): string | undefined {
  const side = requesterSide(ticket);
  if (side.thread_ts) {
    return messageLink(workspaceUrl, side.channel, side.thread_ts);
  }
  if (ticket.source_channel && ticket.source_message_ts && !ticket.private) {
    return messageLink(
      workspaceUrl,
      ticket.source_channel,
      ticket.source_message_ts,
    );
  }
  return undefined;
}

export function messageLink(workspaceUrl: string, channel: string, ts: string) {
  const base = workspaceUrl.endsWith("/") ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${channel}/p${ts.replace(".", "")}`;
}

/**
 * A refusal, prefixed with who changed the ticket just before when that is
 * probably why (two people acting on one ticket at once).
 */
export function withRecentChange(
  ticket: Ticket,
  reason: string,
  actorId: string | undefined,
  now: number,
): string {
  const recent = ticket.updated_by && ticket.updated_by !== actorId &&
    now - ticket.updated_at <= 60;
  return recent
    ? `${
      userMention(ticket.updated_by!)
    } changed ${ticket.key} a moment ago. ${reason}`
    : reason;
}
