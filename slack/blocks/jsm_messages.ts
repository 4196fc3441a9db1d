// What Helpdesk says about Jira Service Management: in the card's thread for
// agents, and to the requester. JSM's words (statuses, comments, errors) are
// escaped like anyone's; links are only ever built from what we validated.
import { STATUS_LABELS, type Ticket } from "../../helpdesk/tickets/model.ts";
import { jsmLink } from "../../helpdesk/tickets/jsm_sync.ts";
import { escapeMrkdwn, escapeMrkdwnWithin, slackDateTime } from "./mrkdwn.ts";

export function jsmLinkedReply(ticket: Ticket, afterFailures: number): string {
  const retried = afterFailures > 0
    ? ` after ${afterFailures} failed attempt${afterFailures === 1 ? "" : "s"}`
    : "";
  return `:link: ${ticket.key} is mirrored in Jira Service Management as ${
    jsmLink(ticket)
  }${retried}. Status changes made here are sent there.`;
}

export function jsmLinkedDm(ticket: Ticket, cardLink: string): string {
  return `:link: Your ticket <${cardLink}|${ticket.key}> is also tracked in Jira Service Management as ${
    jsmLink(ticket)
  }.`;
}

export function jsmFailedReply(
  ticket: Ticket,
  explanation: string,
  retryAt: number,
): string {
  // A ticket with a request is in JSM, only behind: "not in JSM yet" would
  // be untrue, and would send agents to raise it again by hand.
  const what = ticket.jsm_key
    ? `${ticket.key}'s request ${jsmLink(ticket)} is not up to date in`
    : `${ticket.key} is not in`;
  return `:warning: ${what} Jira Service Management yet: ${
    escapeMrkdwnWithin(explanation, 1500)
  }\nHelpdesk will try again ${slackDateTime(retryAt)}.`;
}

export function jsmNoTransitionReply(
  ticket: Ticket,
  from: string,
  to: string,
): string {
  return `:warning: Jira Service Management offers no way from “${
    escapeMrkdwn(from)
  }” to “${escapeMrkdwn(to)}” for ${jsmLink(ticket)}, so it stays “${
    escapeMrkdwn(from)
  }” there: the workflow has no such step from there, or Helpdesk's Atlassian account lacks Jira's Transition issues permission. Move it in JSM, or fix either.`;
}

/**
 * Why a ticket waits for JSM's search (plain text: the sync step's output
 * and the ticket's jsm_error).
 */
export function jsmSearchWait(sentAt: number, lookAgainAt: number): string {
  const utc = (seconds: number) =>
    `${
      new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")
    } UTC`;
  return `A request was sent to Jira Service Management at ${
    utc(sentAt)
  } without an answer, and Jira's search does not show it yet (it can lag by minutes). Helpdesk looks again after ${
    utc(lookAgainAt)
  } and creates it only if it is still not there, so it is never made twice.`;
}

/** A status JSM reported that changed the ticket. */
export function jsmStatusSummary(ticket: Ticket, jsmStatus: string): string {
  return `Jira Service Management moved ${ticket.key} to ${
    STATUS_LABELS[ticket.status]
  } (“${escapeMrkdwn(jsmStatus)}” in ${jsmLink(ticket)})`;
}

/** Files an agent added in JSM that a failure kept from being copied. */
export function jsmFilesNotCopied(ticket: Ticket) {
  return `:warning: Files added to ${
    jsmLink(ticket)
  } in Jira Service Management could not be copied here just now: they are there.`;
}

/**
 * A JSM status the ticket could not take, and why: nothing changed yet.
 * `kept`: the ticket says it owes it, so a scheduled check follows it.
 */
export function jsmStatusNotFollowed(
  ticket: Ticket,
  jsmStatus: string,
  why: string,
  kept: boolean,
) {
  return `:warning: ${jsmLink(ticket)} is now “${
    escapeMrkdwn(jsmStatus)
  }” in Jira Service Management, but ${ticket.key} did not follow: ${
    // The lock's reasons end by asking a person to try again.
    escapeMrkdwn(
      why.replace(/ Nothing changed: try again in a moment\.$/, ""),
    )} ${
    kept
      ? "Helpdesk will follow it by itself at a scheduled check."
      : "Set its status here by hand if it should."
  }`;
}

/** A JSM status with no Slack equivalent: said, not applied. */
export function jsmUnknownStatusReply(ticket: Ticket, jsmStatus: string) {
  return `:information_source: ${jsmLink(ticket)} is now “${
    escapeMrkdwn(jsmStatus)
  }” in Jira Service Management. Helpdesk has no matching status, so ${ticket.key} stays ${
    STATUS_LABELS[ticket.status]
  }.`;
}

/**
 * A JSM comment whole, quoted: a long one is cut into messages where it is
 * sent (message_parts.ts), never short, so no word of the answer is lost.
 */
const quoted = (body: string) =>
  escapeMrkdwn(body).split("\n").map((line) => `>${line}`).join("\n");

export function jsmCommentReply(
  ticket: Ticket,
  author: string,
  body: string,
): string {
  return `:speech_balloon: ${escapeMrkdwn(author || "Someone")} commented on ${
    jsmLink(ticket)
  } in Jira Service Management:\n${quoted(body)}`;
}

export function jsmCommentDm(
  ticket: Ticket,
  author: string,
  body: string,
  cardLink: string,
  /** To the requester of a ticket merged into this one. */
  follower = false,
): string {
  const where = follower
    ? `<${cardLink}|${ticket.key}>, which your ticket was merged into`
    : `your ticket <${cardLink}|${ticket.key}>`;
  return `:speech_balloon: ${
    escapeMrkdwn(author || "The support team")
  } replied on ${where}:\n${quoted(body)}`;
}

/**
 * To whoever wrote words JSM refused for good (a 400: too long, or content
 * it won't take): they stay in Slack, and are not sent again.
 */
export function jsmCommentRefused(
  ticket: Ticket,
  comment: { body: string },
  reason: string,
): string {
  const start = escapeMrkdwn(comment.body.slice(0, 80).replace(/\s+/g, " "));
  return `:warning: What you wrote about ${ticket.key} (“${start}${
    comment.body.length > 80 ? "…" : ""
  }”) did not reach its Jira Service Management request: JSM refused it (${
    escapeMrkdwn(reason)
  }), and Helpdesk will not send it again. It is still in Slack.`;
}
