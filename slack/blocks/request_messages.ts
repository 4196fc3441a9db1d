// What approvals and private requests send: the approvers' DM with Approve
// and Deny, the requester's news about the decision, and a private
// request's details for the people allowed to see them. All of it goes to
// DMs; nothing here is ever posted in a shared channel.
import type { ActionsBlock, KnownBlock, WorkflowButton } from "@slack/types";
import { PRIORITY_LABELS, type Ticket } from "../../helpdesk/tickets/model.ts";
import {
  escapeMrkdwn,
  escapeMrkdwnWithin,
  slackDateTime,
  userMention,
} from "./mrkdwn.ts";
import { answersSection, approvalLine } from "./ticket_card.ts";
import type { RequestActionType } from "../../helpdesk/tickets/roles.ts";

/** The request as the people allowed to see it read it. */
export function requestDetailBlocks(
  ticket: Ticket,
  intro: string,
): KnownBlock[] {
  const facts = [
    `*${ticket.key}* · ${
      escapeMrkdwn(ticket.request_type_name ?? ticket.category)
    } · ${PRIORITY_LABELS[ticket.priority]} priority`,
    `Requested by ${userMention(ticket.requester)}${
      ticket.reporter && ticket.reporter !== ticket.requester
        ? `, raised by ${userMention(ticket.reporter)}`
        : ""
    }`,
  ];
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: intro } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwnWithin(ticket.summary, 300)}*\n${
          facts.join("\n")
        }`,
      },
    },
  ];
  if (ticket.description) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: escapeMrkdwnWithin(ticket.description, 2900),
      },
    });
  }
  if (ticket.answers?.length) blocks.push(answersSection(ticket.answers));
  const decision = approvalLine(ticket);
  if (decision && ticket.approval !== "pending") {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: decision }],
    });
  }
  return blocks;
}

export function approvalRequestText(ticket: Ticket): string {
  return `${
    userMention(ticket.requester)
  } asks for approval of ${ticket.key}: “${escapeMrkdwn(ticket.summary)}”`;
}

/** The approvers' DM; the buttons run "Update a ticket" like a card's do. */
export function approvalRequestBlocks(
  ticket: Ticket,
  queueName: string,
  actionTriggerUrl: string,
): KnownBlock[] {
  return [
    ...requestDetailBlocks(
      ticket,
      `:raised_hand: A *${
        escapeMrkdwn(queueName)
      }* request needs your approval before it goes to the queue.`,
    ),
    {
      type: "actions",
      block_id: `approval_${ticket.id}`,
      elements: [
        button(ticket, "approve", "Approve", "primary", actionTriggerUrl),
        button(ticket, "deny", "Deny…", "danger", actionTriggerUrl),
      ],
    } satisfies ActionsBlock,
  ];
}

/** The approvers' DM once someone decided: the same request, no buttons. */
export function approvalDecidedBlocks(ticket: Ticket, queueName: string) {
  return requestDetailBlocks(
    ticket,
    `:raised_hand: A *${
      escapeMrkdwn(queueName)
    }* request that needed approval.`,
  );
}

/** The approvers' DM once its requester withdrew it: no buttons left. */
export function approvalWithdrawnBlocks(ticket: Ticket) {
  return requestDetailBlocks(
    ticket,
    `:leftwards_arrow_with_hook: ${
      userMention(ticket.requester)
    } withdrew this request before anyone decided: there is nothing to approve.`,
  );
}

function button(
  ticket: Ticket,
  action: RequestActionType,
  label: string,
  style: "primary" | "danger",
  url: string,
): WorkflowButton {
  return {
    type: "workflow_button",
    action_id: `request_${action}`,
    text: { type: "plain_text", text: label },
    style,
    workflow: {
      trigger: {
        url,
        customizable_input_parameters: [
          { name: "ticket_id", value: ticket.id },
          { name: "action", value: action },
        ],
      },
    },
  };
}

export function waitingForApprovalDm(ticket: Ticket): string {
  return `:hourglass: Your request ${ticket.key} “${
    escapeMrkdwn(ticket.summary)
  }” needs approval first. I've asked the approvers and will message you here when one of them decides.`;
}

export function decisionDm(ticket: Ticket, cardLink?: string): string {
  const who = ticket.approval_by
    ? userMention(ticket.approval_by)
    : "An approver";
  const key = cardLink ? `<${cardLink}|${ticket.key}>` : ticket.key;
  if (ticket.approval === "approved") {
    return `:white_check_mark: ${who} approved your request ${key} “${
      escapeMrkdwn(ticket.summary)
    }”. It is now with the agents; I'll message you here when its status changes.`;
  }
  return `:no_entry: ${who} denied your request ${key} “${
    escapeMrkdwn(ticket.summary)
  }”, so it is closed. Their reason: ${
    escapeMrkdwn(ticket.approval_reason ?? "none given")
  }`;
}

export function privateDetailsIntro(ticket: Ticket, cardLink: string): string {
  return `:lock: Private request <${cardLink}|${ticket.key}>: only its queue's agents get these details.`;
}

export function privateDetailsText(ticket: Ticket): string {
  return `Private request ${ticket.key}: “${escapeMrkdwn(ticket.summary)}”`;
}

/** The answer to a decision on a ticket that is no longer pending. */
export function alreadyDecided(ticket: Ticket): string {
  if (ticket.approval === undefined) {
    return `${ticket.key} does not need approval.`;
  }
  const verb = ticket.approval === "approved" ? "approved" : "denied";
  const by = ticket.approval_by ? ` by <@${ticket.approval_by}>` : "";
  const when = ticket.approval_at
    ? ` on ${slackDateTime(ticket.approval_at)}`
    : "";
  return `${ticket.key} was already ${verb}${by}${when}. Nothing changed.`;
}
