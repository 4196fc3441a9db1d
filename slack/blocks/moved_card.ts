// A card left behind when its ticket moved to another queue: what it was,
// and where it went, without buttons (the ticket is worked from its new
// card). A private request's card still shows only its key.
import type { KnownBlock } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwn, plainWithin } from "./mrkdwn.ts";
import { PRIVATE_TITLE } from "./ticket_card.ts";

export function movedCardBlocks(
  ticket: Ticket,
  queueName: string,
  newCardLink: string | undefined,
): KnownBlock[] {
  const where = newCardLink ? `: <${newCardLink}|see its card there>` : "";
  return [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: ticket.private ? PRIVATE_TITLE : plainWithin(ticket.summary, 150),
      },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:arrow_right: *${ticket.key}* moved to the *${
          escapeMrkdwn(queueName)
        }* queue${where}.`,
      },
    },
  ];
}

export function movedCardText(ticket: Ticket, queueName: string): string {
  return `${ticket.key} moved to the ${escapeMrkdwn(queueName)} queue`;
}
