// What Similar… shows an agent: each solved ticket's key (a link to its
// card), summary and answer, everything typed escaped and cut short.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwnWithin } from "./mrkdwn.ts";
import { cardLinkOf } from "./ticket_messages.ts";
import { REQUESTER_PLACEHOLDER } from "./conversation_messages.ts";

const SUMMARY_SHOWN = 150;
const ANSWER_SHOWN = 400;

export function similarTicketsText(
  ticket: Pick<Ticket, "key">,
  similar: readonly Ticket[],
  workspaceUrl: string | undefined,
): string {
  if (!similar.length) {
    return `No solved ticket of this queue looks like ${ticket.key} yet.`;
  }
  const lines = similar.map((t) => {
    const link = workspaceUrl ? cardLinkOf(t, workspaceUrl) : undefined;
    const key = link ? `<${link}|${t.key}>` : t.key;
    // A saved reply's {requester} is kept as typed (conversation.ts).
    const said = t.last_reply?.replaceAll(
      REQUESTER_PLACEHOLDER,
      "the requester",
    );
    const answer = said
      ? `\n> ${escapeMrkdwnWithin(said, ANSWER_SHOWN).split("\n").join("\n> ")}`
      : "\n> _No reply was sent to its requester._";
    return `• *${key}* ${
      escapeMrkdwnWithin(t.summary, SUMMARY_SHOWN)
    }${answer}`;
  });
  return `:mag: Solved tickets like ${ticket.key}:\n${lines.join("\n")}`;
}
