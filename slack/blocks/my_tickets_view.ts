// "My tickets": the person's open tickets and those closed lately, each with
// its key, summary, status, assignee, last update and a link to their side
// of the conversation, and the buttons that fit it (Withdraw, close,
// Reopen). Plain buttons: they are answered by the run that opened the
// modal, which redraws the list with what happened.
import type { ActionsBlock, Button, KnownBlock, ModalView } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { type Page, RECENT_DAYS } from "../../helpdesk/tickets/ticket_lists.ts";
import type { ReopenRules } from "../../helpdesk/tickets/requester_actions.ts";
import {
  escapeMrkdwn,
  escapeMrkdwnWithin,
  slackDate,
  userMention,
} from "./mrkdwn.ts";
import { statusLine } from "./ticket_card.ts";
import { conversationLink } from "./ticket_messages.ts";
import {
  REQUESTER_LABELS,
  type RequesterAction,
  requesterChoices,
} from "./requester_actions.ts";
import { listFrame, note, pageButtons, pageCount } from "./list_modal.ts";

export const MY_TICKETS_VIEW = "my_tickets";
export const MY_TICKETS_TITLE = "My tickets";
/** Two blocks a ticket: well inside a modal's 100. */
export const MY_TICKETS_PAGE_SIZE = 20;
/** Every action id of this modal starts with it. */
export const MY_TICKETS_ACTION = "my_tickets";

const LABELS = REQUESTER_LABELS;

export interface MyTicketsContext {
  workspaceUrl: string;
  rules: ReopenRules;
  now: number;
  /** What the last click did, said on top. */
  notice?: string;
  /**
   * A ticket whose change was refused before it could be read as it is
   * now: its line may be behind, so it gets no buttons and says so.
   */
  unsure?: string;
}

export function myTicketsModal(
  page: Page<Ticket>,
  context: MyTicketsContext,
): ModalView {
  const blocks: KnownBlock[] = [];
  if (context.notice) blocks.push(note(context.notice));
  if (page.total === 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          `You have no open tickets, and none closed in the last ${RECENT_DAYS} days. Open one with the *Open a ticket* shortcut.`,
      },
    });
    return listFrame(MY_TICKETS_VIEW, MY_TICKETS_TITLE, { page: 0 }, blocks);
  }
  blocks.push(
    note(
      `Your open tickets and those closed in the last ${RECENT_DAYS} days: ${page.total}${
        pageCount(page)
      }.`,
    ),
  );
  for (const ticket of page.items) {
    const behind = ticket.id === context.unsure;
    blocks.push(row(ticket, context, behind));
    const actions = buttons(
      ticket,
      behind ? [] : requesterChoices(ticket, context.rules, context.now),
    );
    if (actions) blocks.push(actions);
  }
  const more = pageButtons(`${MY_TICKETS_ACTION}_page`, page);
  if (more) blocks.push(more);
  return listFrame(
    MY_TICKETS_VIEW,
    MY_TICKETS_TITLE,
    // A click on a ticket redraws this page from the same first row.
    { page: page.page, ...(page.first ? { from: page.first } : {}) },
    blocks,
  );
}

function row(
  ticket: Ticket,
  context: MyTicketsContext,
  behind: boolean,
): KnownBlock {
  const updated = slackDate(
    ticket.updated_at,
    "{date_short_pretty} at {time}",
    new Date(ticket.updated_at * 1000).toISOString(),
  );
  const link = conversationLink(ticket, context.workspaceUrl);
  // Waiting for approval: not the agents' yet, or never, the approver's
  // word decides (a request withdrawn while it waited stays "pending":
  // closed). Merged: their request goes on there, the list says where.
  const facts = [
    ticket.approval === "pending" && ticket.status !== "closed"
      ? ":hourglass_flowing_sand: Waiting for approval"
      : `${statusLine(ticket)}${
        ticket.approval === "denied" && ticket.status === "closed"
          ? " · denied"
          : ""
      }`,
    ...(ticket.merged_into_key
      ? [`merged into *${escapeMrkdwn(ticket.merged_into_key)}*`]
      : []),
    ticket.assignee
      ? `with ${userMention(ticket.assignee)}`
      : "nobody has it yet",
    `updated ${updated}`,
    ...(link ? [`<${link}|your conversation>`] : []),
    ...(behind
      ? [
        ":hourglass: just changed, maybe not shown yet: open My tickets again to see it",
      ]
      : []),
  ];
  return {
    type: "section",
    block_id: `ticket_${ticket.id}`,
    text: {
      type: "mrkdwn",
      text: `*${ticket.key}* · ${escapeMrkdwnWithin(ticket.summary, 300)}\n${
        facts.join(" · ")
      }`,
    },
  };
}

function buttons(
  ticket: Ticket,
  actions: readonly RequesterAction[],
): ActionsBlock | undefined {
  if (actions.length === 0) return undefined;
  return {
    type: "actions",
    block_id: `actions_${ticket.id}`,
    elements: actions.map((action): Button => ({
      type: "button",
      action_id: `${MY_TICKETS_ACTION}_${action}`,
      text: { type: "plain_text", text: LABELS[action] },
      value: ticket.id,
      ...(action === "close" ? { style: "primary" as const } : {}),
      ...(action === "withdraw"
        ? {
          style: "danger" as const,
          confirm: {
            title: { type: "plain_text" as const, text: "Withdraw it?" },
            text: {
              type: "plain_text" as const,
              text:
                `${ticket.key} closes as withdrawn, and the agents stop working on it. You can reopen it for a while if you change your mind.`,
            },
            confirm: { type: "plain_text" as const, text: "Withdraw" },
            deny: { type: "plain_text" as const, text: "Keep it" },
            style: "danger" as const,
          },
        }
        : {}),
    })),
  };
}

/** Which ticket and what to do, from a click on one of its buttons. */
export function myTicketsClick(
  actionId: string,
  value: string | undefined,
): { action: RequesterAction; ticketId: string } | undefined {
  const action = actionId.slice(MY_TICKETS_ACTION.length + 1);
  // Own properties only: "constructor" is in every object.
  if (!Object.hasOwn(LABELS, action) || !value) return undefined;
  return { action: action as RequesterAction, ticketId: value };
}
