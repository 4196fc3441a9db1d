// What a requester reads after opening a ticket when solved tickets look
// like theirs: each one's key, summary and answer as plain text cut short,
// a link to its card, and a "This solved it" workflow
// button under each (an actions block takes workflow buttons:
// https://docs.slack.dev/reference/block-kit/block-elements/workflow-button-element).
// Also what the requester and the agents' card thread are told when one
// solved it.
import type { KnownBlock } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { selfSolveAction } from "../../helpdesk/similar/suggestions.ts";
import { escapeMrkdwn, plainWithin, userMention } from "./mrkdwn.ts";
import { cardLinkOf } from "./ticket_messages.ts";
import { REQUESTER_PLACEHOLDER } from "./conversation_messages.ts";

const SUMMARY_SHOWN = 150;
const ANSWER_SHOWN = 400;
export const SOLVED_IT_LABEL = "This solved it";

/**
 * One suggestion's words as plain text: Slack renders no mention, link,
 * date or formatting in a plain_text object, so whatever its requester or
 * agent typed (`<!channel>`, `*bold*`, a `=formula`) shows as typed.
 */
export function suggestionWords(suggested: Ticket): string {
  // A saved reply's {requester} was theirs, not this reader's.
  const answer = suggested.last_reply
    ? plainWithin(
      suggested.last_reply.replaceAll(REQUESTER_PLACEHOLDER, "the requester"),
      ANSWER_SHOWN,
    )
    : "Solved without a written answer.";
  return `${suggested.key}: ${
    plainWithin(suggested.summary, SUMMARY_SHOWN)
  }\nAnswer: ${answer}`;
}

function cardLine(suggested: Ticket, workspaceUrl: string | undefined) {
  const link = workspaceUrl ? cardLinkOf(suggested, workspaceUrl) : undefined;
  return link ? `<${link}|Open ${suggested.key}>` : undefined;
}

export function suggestionsLead(opened: Pick<Ticket, "key">): string {
  return `:bulb: While the agents look at ${opened.key}, these solved tickets look like yours. If one answers it, press *${SOLVED_IT_LABEL}* and ${opened.key} closes.`;
}

/**
 * The DM's blocks, and its text: only Helpdesk's own words, as it is what
 * notifications show (mrkdwn there too).
 */
export function suggestionsDm(
  opened: Pick<Ticket, "id" | "key">,
  suggested: readonly Ticket[],
  workspaceUrl: string | undefined,
  actionTriggerUrl: string | undefined,
): { text: string; blocks: KnownBlock[] } {
  const lead = suggestionsLead(opened);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: lead } },
  ];
  for (const [i, t] of suggested.entries()) {
    blocks.push({
      type: "section",
      text: { type: "plain_text", text: suggestionWords(t), emoji: false },
    });
    const card = cardLine(t, workspaceUrl);
    if (card) {
      blocks.push({
        type: "context",
        elements: [{ type: "mrkdwn", text: card }],
      });
    }
    if (!actionTriggerUrl) continue;
    blocks.push({
      type: "actions",
      block_id: `suggestion_${i}`,
      elements: [{
        type: "workflow_button",
        action_id: `self_solve_${i}`,
        text: { type: "plain_text", text: SOLVED_IT_LABEL },
        accessibility_label: `${t.key} solved ${opened.key}`,
        style: "primary",
        workflow: {
          trigger: {
            url: actionTriggerUrl,
            customizable_input_parameters: [
              { name: "ticket_id", value: opened.id },
              { name: "action", value: selfSolveAction(t.key) },
            ],
          },
        },
      }],
    });
  }
  return { text: lead, blocks };
}

/** The card's thread: who closed it, and which answer did it. */
export function selfSolvedSummary(
  ticket: Pick<Ticket, "key" | "requester">,
  suggestedKey: string,
): string {
  return `${
    userMention(ticket.requester)
  } closed ${ticket.key}: the answer of ${
    escapeMrkdwn(suggestedKey)
  }, a solved ticket Helpdesk suggested, solved it`;
}

/** The requester's confirmation, with how to take it back. */
export function selfSolvedDm(
  ticket: Pick<Ticket, "key" | "summary">,
  suggestedKey: string,
  link: string,
  reopenDays: number,
): string {
  const reopen = reopenDays > 0
    ? ` Not solved after all? Reopen it within ${reopenDays} ${
      reopenDays === 1 ? "day" : "days"
    }.`
    : "";
  return `:white_check_mark: You closed <${link}|${ticket.key}> “${
    escapeMrkdwn(ticket.summary)
  }”: ${escapeMrkdwn(suggestedKey)} solved it.${reopen}`;
}

/** Plain text for JSM, which knows nothing of Slack's mrkdwn. */
export function selfSolvedJsmComment(suggestedKey: string): string {
  return `Closed by the requester: the answer of ${suggestedKey}, a solved ticket Helpdesk suggested in Slack, solved it.`;
}
