// What the SLA sweep says: a warning in the ticket's thread that mentions who
// must act, and at a breach an escalation in the thread and in the owner's
// DMs. Deadlines are Slack dates, so each reader sees their own time zone.
import type { SlaNoticeName, Ticket } from "../../helpdesk/tickets/model.ts";
import {
  escapeMrkdwn,
  slackDateTime,
  userGroupMention,
  userMention,
} from "./mrkdwn.ts";

/** Who a notice is for: the assignee, or else the whole queue. */
export interface NoticeAudience {
  assignee?: string;
  agentUsers: readonly string[];
  agentGroup?: string;
  owner: string;
}

/** A long list of agents would bury the point; a user group is one mention. */
const MAX_AGENT_MENTIONS = 10;

export function whoMustAct(audience: NoticeAudience): string {
  if (audience.assignee) return userMention(audience.assignee);
  if (audience.agentGroup) return userGroupMention(audience.agentGroup);
  const shown = audience.agentUsers.slice(0, MAX_AGENT_MENTIONS)
    .map(userMention);
  const more = audience.agentUsers.length - shown.length;
  return more > 0 ? `${shown.join(" ")} and ${more} more` : shown.join(" ");
}

const WHAT: Record<SlaNoticeName, string> = {
  first_response_warning: "needs a first response",
  first_response_breach: "missed its first-response target",
  resolution_warning: "needs resolving",
  resolution_breach: "missed its resolution target",
};

export function isBreach(notice: SlaNoticeName): boolean {
  return notice.endsWith("_breach");
}

function dueAt(ticket: Ticket, notice: SlaNoticeName): number | undefined {
  return notice.startsWith("first_response")
    ? ticket.response_due_at
    : ticket.resolution_due_at;
}

function when(at: number | undefined): string {
  if (at === undefined) return "soon";
  return slackDateTime(at);
}

/** The thread reply for one notice. */
export function slaThreadNotice(
  ticket: Ticket,
  notice: SlaNoticeName,
  audience: NoticeAudience,
): string {
  const due = when(dueAt(ticket, notice));
  const unassigned = audience.assignee ? "" : " It has no assignee yet.";
  if (!isBreach(notice)) {
    return `:hourglass_flowing_sand: ${ticket.key} ${
      WHAT[notice]
    } by ${due}.${unassigned} ${whoMustAct(audience)}`;
  }
  return `:rotating_light: ${ticket.key} ${
    WHAT[notice]
  } (due ${due}).${unassigned} Escalated to ${userMention(audience.owner)}. ${
    whoMustAct(audience)
  }`;
}

/** The owner's DM at a breach: enough to act on without opening the card. */
export function slaEscalationDm(
  ticket: Ticket,
  notice: SlaNoticeName,
  cardLink: string,
): string {
  const assignee = ticket.assignee
    ? `assigned to ${userMention(ticket.assignee)}`
    : "not assigned to anyone";
  return `:rotating_light: <${cardLink}|${ticket.key}> “${
    escapeMrkdwn(ticket.summary)
  }” ${WHAT[notice]} (due ${
    when(dueAt(ticket, notice))
  }). It is ${assignee}. You get this because you own Helpdesk's escalations.`;
}
