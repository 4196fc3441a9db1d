// The card's service-level line: the deadlines still ahead (or missed), a
// note while the clocks are paused, and the requester's rating once given.
// Dates are Slack dates, so each agent reads them in their own time zone.
import type { ContextBlock } from "@slack/types";
import { OPEN_STATUSES, type Ticket } from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwnWithin, slackDateTime } from "./mrkdwn.ts";

export function slaContext(
  ticket: Ticket,
  now: number,
): ContextBlock | undefined {
  const parts: string[] = [];
  if (OPEN_STATUSES.includes(ticket.status)) {
    if (ticket.status === "waiting_on_requester") {
      parts.push(
        ":double_vertical_bar: SLA clocks paused while waiting on the requester",
      );
    } else {
      if (ticket.first_response_at === undefined && ticket.response_due_at) {
        parts.push(deadline("First response", ticket.response_due_at, now));
      }
      if (ticket.resolution_due_at) {
        parts.push(deadline("Resolution", ticket.resolution_due_at, now));
      }
    }
  }
  if (ticket.rating !== undefined) {
    const comment = ticket.rating_comment
      ? `: “${escapeMrkdwnWithin(ticket.rating_comment, 500)}”`
      : "";
    parts.push(`:star: Rated ${ticket.rating}/5 by the requester${comment}`);
  }
  if (parts.length === 0) return undefined;
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: parts.join(" · ") }],
  };
}

function deadline(what: string, due: number, now: number): string {
  const date = slackDateTime(due);
  return due <= now
    ? `:rotating_light: ${what} overdue since ${date}`
    : `${what} due ${date}`;
}
