// What the card's thread says about an edit or a move. Summaries, categories
// and queue names are people's words: escaped, and a private request's
// thread (in a shared channel) names what changed without repeating it.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  type FieldChange,
  priorityChange,
} from "../../helpdesk/tickets/ticket_edit.ts";
import { escapeMrkdwn, escapeMrkdwnWithin, userMention } from "./mrkdwn.ts";

export function editSummary(
  ticket: Ticket,
  changes: readonly FieldChange[],
  actorId: string,
): string {
  const parts = changes.map((change) => {
    const priority = priorityChange(change);
    if (priority) return `priority ${priority}`;
    if (ticket.private || change.field === "description") return change.field;
    return `${change.field} “${escapeMrkdwnWithin(change.to, 300)}”`;
  });
  return `${userMention(actorId)} edited ${ticket.key}: ${parts.join(", ")}`;
}

/** The thread of the card in the queue it went to (or the one card). */
export function movedHereSummary(
  ticket: Ticket,
  from: string,
  to: string,
  actorId: string,
  released: string | undefined,
  sameCard: boolean,
): string {
  const moved = sameCard
    ? `moved ${ticket.key} from the *${escapeMrkdwn(from)}* queue to the *${
      escapeMrkdwn(to)
    }* queue`
    : `moved ${ticket.key} here from the *${escapeMrkdwn(from)}* queue`;
  const let_go = released
    ? `. ${userMention(released)} doesn't work this queue, so it is unassigned`
    : "";
  return `:arrow_right: ${userMention(actorId)} ${moved}${let_go}`;
}

/** The thread of the card it left. */
export function movedAwaySummary(
  ticket: Ticket,
  to: string,
  actorId: string,
  newCardLink: string | undefined,
): string {
  const where = newCardLink ? `: <${newCardLink}|its card there>` : "";
  return `:arrow_right: ${userMention(actorId)} moved ${ticket.key} to the *${
    escapeMrkdwn(to)
  }* queue${where}`;
}
