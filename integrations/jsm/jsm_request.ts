// What a JSM request made from a ticket says. JSM's description is plain
// text, so Slack mentions become words an agent in JSM can act on.
import type { NewJsmRequest } from "./customer_requests.ts";
import { PRIORITY_LABELS, type Ticket } from "../../helpdesk/tickets/model.ts";

export function jsmRequestFor(ticket: Ticket): NewJsmRequest {
  const facts = [
    `Opened in Slack through Helpdesk as ${ticket.key}.`,
    `Priority: ${PRIORITY_LABELS[ticket.priority]}. Category: ${
      ticket.category || "none"
    }.`,
    `Requester: Slack user ${ticket.requester}.`,
  ];
  return {
    helpdeskKey: ticket.key,
    summary: ticket.summary,
    description: [ticket.description.trim(), "----", ...facts]
      .filter(Boolean)
      .join("\n"),
  };
}
