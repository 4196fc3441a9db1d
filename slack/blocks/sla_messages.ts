// What the scheduled SLA check says. A warning in the ticket's thread
// mentions who must act: its assignee, or else its queue's members. A breach
// is escalated to the queue's owner, in the thread and by DM. A burst gets
// one summary per queue instead, and each ticket's thread its own quiet
// reply after it. Deadlines are Slack dates, so each reader sees their own
// time zone.
//
// Nothing here quotes a private ticket's text unless the caller says the
// reader may see it; summaries and thread replies never quote any ticket's
// text at all (they are in a shared channel).
import type { SlaNoticeName, Ticket } from "../../helpdesk/tickets/model.ts";
import {
  escapeMrkdwn,
  escapeMrkdwnWithin,
  slackDateTime,
  userGroupMention,
  userMention,
} from "./mrkdwn.ts";

/** Who a notice is for, from the ticket's queue. */
export interface NoticeAudience {
  assignee?: string;
  /** The queue's members: people (channels opened up) and user groups. */
  memberUsers: readonly string[];
  memberGroups: readonly string[];
  /** The queue's owner, or Helpdesk's when the queue has none. */
  owner?: string;
}

/** A long list of people would bury the point; a user group is one mention. */
const MAX_MENTIONS = 10;

function mentions(audience: NoticeAudience, max: number): string {
  const all = [
    ...audience.memberGroups.map(userGroupMention),
    ...audience.memberUsers.map(userMention),
  ];
  const shown = all.slice(0, max);
  const more = all.length - shown.length;
  return more > 0 ? `${shown.join(" ")} and ${more} more` : shown.join(" ");
}

export function whoMustAct(audience: NoticeAudience): string {
  if (audience.assignee) return userMention(audience.assignee);
  const members = mentions(audience, MAX_MENTIONS);
  if (members) return members;
  return audience.owner ? userMention(audience.owner) : "";
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

/** "HD-1 needs a first response by <date>" or "… missed … (due <date>)". */
function noticeLine(ticket: Ticket, notice: SlaNoticeName): string {
  const due = when(dueAt(ticket, notice));
  return isBreach(notice)
    ? `${ticket.key} ${WHAT[notice]} (due ${due})`
    : `${ticket.key} ${WHAT[notice]} by ${due}`;
}

const icon = (notice: SlaNoticeName) =>
  isBreach(notice) ? ":rotating_light:" : ":hourglass_flowing_sand:";

/** The thread reply for one notice, mentioning who must act. */
export function slaThreadNotice(
  ticket: Ticket,
  notice: SlaNoticeName,
  audience: NoticeAudience,
): string {
  const unassigned = audience.assignee ? "" : " It has no assignee yet.";
  const escalated = isBreach(notice) && audience.owner
    ? ` Escalated to ${userMention(audience.owner)}.`
    : "";
  const who = whoMustAct(audience);
  return `${icon(notice)} ${
    noticeLine(ticket, notice)
  }.${unassigned}${escalated}${who ? ` ${who}` : ""}`;
}

/** The thread reply for a notice a summary already announced: no pings. */
export function slaThreadFollowUp(
  ticket: Ticket,
  notice: SlaNoticeName,
): string {
  return `${icon(notice)} ${
    noticeLine(ticket, notice)
  }. (Announced with other tickets in a summary in this channel; this reply keeps the ticket's history.)`;
}

export interface SummaryItem {
  ticket: Ticket;
  notice: SlaNoticeName;
  audience: NoticeAudience;
}

/** Lines listed in full; the rest by key only, to keep the message short. */
const SUMMARY_LINES = 30;
const SUMMARY_MENTIONS = 30;

/** One message for a burst of notices in one queue. */
export function slaSummary(queueName: string, items: SummaryItem[]): string {
  const lines = items.slice(0, SUMMARY_LINES).map(({ ticket, notice }) =>
    `• ${noticeLine(ticket, notice)}, ${
      ticket.assignee
        ? `assigned to ${userMention(ticket.assignee)}`
        : "no assignee"
    }`
  );
  const rest = items.slice(SUMMARY_LINES);
  if (rest.length) {
    lines.push(
      `• and ${rest.length} more: ${
        rest.map(({ ticket }) => ticket.key).join(", ")
      }`,
    );
  }
  const people = new Set<string>();
  for (const { audience } of items) {
    for (const who of whoMustAct(audience).split(" ")) {
      if (who.startsWith("<")) people.add(who);
    }
  }
  const owners = new Set(
    items.filter(({ notice, audience }) => isBreach(notice) && audience.owner)
      .map(({ audience }) => userMention(audience.owner!)),
  );
  const shown = [...people].slice(0, SUMMARY_MENTIONS);
  const more = people.size - shown.length;
  return [
    `${
      items.some(({ notice }) => isBreach(notice))
        ? ":rotating_light:"
        : ":hourglass_flowing_sand:"
    } ${items.length} service-level ${
      items.length === 1 ? "notice" : "notices"
    } for the ${
      escapeMrkdwn(queueName)
    } queue came due at once. Each ticket's thread gets its own note shortly.`,
    ...lines,
    ...(shown.length
      ? [
        `Who must act: ${shown.join(" ")}${
          more > 0 ? ` and ${more} more` : ""
        }`,
      ]
      : []),
    ...(owners.size ? [`Breaches escalated to ${[...owners].join(" ")}.`] : []),
  ].join("\n");
}

/** Why the owner gets escalations, said in their DM. */
export interface EscalationReason {
  queueName: string;
  /** True when the queue has no owner and Helpdesk's owner stands in. */
  standIn: boolean;
}

function because(reason: EscalationReason): string {
  const queue = escapeMrkdwn(reason.queueName);
  return reason.standIn
    ? `You get this because you own Helpdesk's escalations and the ${queue} queue has no owner.`
    : `You get this because you own the ${queue} queue.`;
}

/**
 * A private ticket's summary is quoted only to someone who is in its queue
 * (`mayQuote`); anyone else reads that it is private.
 */
function described(ticket: Ticket, mayQuote: boolean): string {
  if (ticket.private && !mayQuote) return "(a private request)";
  return `“${escapeMrkdwnWithin(ticket.summary, 300)}”`;
}

/** The owner's DM at a breach: enough to act on without opening the card. */
export function slaEscalationDm(
  ticket: Ticket,
  notice: SlaNoticeName,
  cardLink: string,
  reason: EscalationReason,
  mayQuote: boolean,
): string {
  const assignee = ticket.assignee
    ? `assigned to ${userMention(ticket.assignee)}`
    : "not assigned to anyone";
  return `:rotating_light: <${cardLink}|${ticket.key}> ${
    described(ticket, mayQuote)
  } ${WHAT[notice]} (due ${when(dueAt(ticket, notice))}). It is ${assignee}. ${
    because(reason)
  }`;
}

/** One DM for many breaches at once. */
export function slaEscalationSummaryDm(
  items: {
    ticket: Ticket;
    notice: SlaNoticeName;
    cardLink: string;
    mayQuote: boolean;
  }[],
  reason: EscalationReason,
): string {
  const lines = items.slice(0, SUMMARY_LINES).map((
    { ticket, notice, cardLink, mayQuote },
  ) =>
    `• <${cardLink}|${ticket.key}> ${described(ticket, mayQuote)} ${
      WHAT[notice]
    } (due ${when(dueAt(ticket, notice))})`
  );
  const rest = items.slice(SUMMARY_LINES);
  if (rest.length) {
    lines.push(
      `• and ${rest.length} more: ${
        rest.map(({ ticket }) => ticket.key).join(", ")
      }`,
    );
  }
  return [
    `:rotating_light: ${items.length} tickets missed their targets. ${
      because(reason)
    }`,
    ...lines,
  ].join("\n");
}
