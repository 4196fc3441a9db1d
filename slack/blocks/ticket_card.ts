// The triage card: what agents see in the triage channel for each ticket;
// its buttons are in card_controls.ts.
import type { ContextBlock, KnownBlock, SectionBlock } from "@slack/types";
import {
  PRIORITY_LABELS,
  type Status,
  STATUS_LABELS,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import type { Answer } from "../../helpdesk/request_types/form_fields.ts";
import {
  channelMention,
  escapeMrkdwn,
  escapeMrkdwnWithin,
  plainWithin,
  slackDate,
  slackDateTime,
  userMention,
} from "./mrkdwn.ts";
import { formatAge } from "./age.ts";
import { slaContext } from "./sla_line.ts";
import { jsmLink } from "../../helpdesk/tickets/jsm_sync.ts";
import { mergeLine } from "./merge_messages.ts";
import {
  cardActions,
  type CardControls,
  cardControls,
} from "./card_controls.ts";

export { type CardControls, cardControls };

const STATUS_EMOJI: Record<Status, string> = {
  new: ":new:",
  in_progress: ":hammer_and_wrench:",
  waiting_on_requester: ":hourglass_flowing_sand:",
  resolved: ":white_check_mark:",
  closed: ":lock:",
};

const PRIORITY_EMOJI = {
  low: ":white_circle:",
  normal: ":large_blue_circle:",
  high: ":large_orange_circle:",
  urgent: ":red_circle:",
} as const;

const SOURCE_LABELS: Record<string, string> = {
  form: "the Open a ticket form",
  workflow_step: "a workflow",
  reaction: "a reaction",
};

export function ticketCardBlocks(
  ticket: Ticket,
  controls: CardControls,
  now: number,
): KnownBlock[] {
  if (ticket.private) return privateCardBlocks(ticket, controls, now);
  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: plainWithin(ticket.summary, 150) },
    },
    {
      type: "section",
      fields: [
        ...keyAndStatus(ticket),
        field(
          "Priority",
          `${PRIORITY_EMOJI[ticket.priority]} ${
            PRIORITY_LABELS[ticket.priority]
          }`,
        ),
        ticket.request_type_name
          ? field("Request type", escapeMrkdwn(ticket.request_type_name))
          : field("Category", escapeMrkdwn(ticket.category)),
        field("Requester", userMention(ticket.requester)),
        assigneeField(ticket),
        ...linkedIssueFields(ticket),
      ],
    },
  ];
  if (ticket.description) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: escapeMrkdwnWithin(ticket.description, 3000),
      },
    });
  }
  if (ticket.answers?.length) blocks.push(answersSection(ticket.answers));
  const approval = approvalLine(ticket);
  if (approval) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: approval }],
    });
  }
  blocks.push(...mergeContext(ticket));
  blocks.push(ageContext(ticket, now));
  const sla = slaContext(ticket, now);
  if (sla) blocks.push(sla);
  const actions = cardActions(ticket, controls);
  if (actions) blocks.push(actions);
  return blocks;
}

/**
 * A private request's card in a shared channel: its key, "Private request",
 * where it stands and who has it, and a button that sends the details to
 * those allowed to see them. Nothing the requester wrote, nor who they are.
 */
function privateCardBlocks(
  ticket: Ticket,
  controls: CardControls,
  now: number,
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: PRIVATE_TITLE } },
    {
      type: "section",
      fields: [
        ...keyAndStatus(ticket),
        assigneeField(ticket),
      ],
    },
    {
      type: "context",
      elements: [{
        type: "mrkdwn",
        text: `:lock: Its details went to the queue's agents by DM. Opened ${
          slackDate(
            ticket.created_at,
            "{ago}",
            formatAge(now - ticket.created_at),
          )
        }.`,
      }],
    },
    ...mergeContext(ticket),
  ];
  const actions = cardActions(ticket, controls);
  if (actions) blocks.push(actions);
  return blocks;
}

/** Merged into another, merged here, related: see merge_messages.ts. */
function mergeContext(ticket: Ticket): ContextBlock[] {
  const line = mergeLine(ticket);
  return line
    ? [{ type: "context", elements: [{ type: "mrkdwn", text: line }] }]
    : [];
}

export const PRIVATE_TITLE = "Private request";

/** A request type's questions and answers, two columns as Slack shows them. */
export function answersSection(answers: readonly Answer[]): SectionBlock {
  // Slack allows ten fields per section; request types ask at most ten.
  return {
    type: "section",
    fields: answers.slice(0, 10).map((a) =>
      field(
        escapeMrkdwnWithin(a.label, 100),
        a.user ? userMention(a.value) : escapeMrkdwnWithin(a.value, 1800),
      )
    ),
  };
}

/** The decision line: waiting, or approved/denied by whom and when. */
export function approvalLine(ticket: Ticket): string | undefined {
  if (!ticket.approval) return undefined;
  if (ticket.approval === "pending") return ":hourglass: Waiting for approval";
  const who = ticket.approval_by
    ? ` by ${userMention(ticket.approval_by)}`
    : "";
  const when = ticket.approval_at
    ? ` on ${slackDateTime(ticket.approval_at)}`
    : "";
  if (ticket.approval === "approved") {
    return `:white_check_mark: Approved${who}${when}`;
  }
  const why = ticket.approval_reason
    ? `: ${escapeMrkdwnWithin(ticket.approval_reason, 600)}`
    : "";
  return `:no_entry: Denied${who}${when}${why}`;
}

/** Notification text: what shows in a push notification or a screen reader. */
export function ticketCardText(ticket: Ticket): string {
  if (ticket.private) {
    return `${ticket.key} ${STATUS_LABELS[ticket.status]}: ${PRIVATE_TITLE}`;
  }
  return `${ticket.key} ${STATUS_LABELS[ticket.status]}: ${
    escapeMrkdwn(ticket.summary)
  }`;
}

/** Where else the ticket lives: its JSM request and Jira issue. */
function linkedIssueFields(ticket: Ticket) {
  const fields = [];
  if (ticket.jsm_key) {
    fields.push(field("Jira Service Management", jsmLink(ticket)));
  } else if (ticket.jsm_sync === "pending") {
    fields.push(
      field(
        "Jira Service Management",
        ticket.jsm_attempts ? "_Not synced yet, retrying_" : "_Syncing…_",
      ),
    );
  }
  if (ticket.jira_issue_key) {
    fields.push(
      field(
        "Jira issue",
        ticket.jira_issue_url
          ? `<${ticket.jira_issue_url}|${ticket.jira_issue_key}>`
          : ticket.jira_issue_key,
      ),
    );
  }
  return fields;
}

/** What every card shows, private or not. */
function keyAndStatus(ticket: Ticket) {
  return [
    field("Ticket", `*${ticket.key}*`),
    field("Status", statusLine(ticket)),
  ];
}

/** ":hammer_and_wrench: In progress", and why it closed when it says more. */
export function statusLine(ticket: Pick<Ticket, "status" | "close_reason">) {
  const withdrawn = ticket.status !== "closed"
    ? ""
    : ticket.close_reason === "withdrawn"
    ? " · withdrawn by the requester"
    : ticket.close_reason === "duplicate"
    ? " · duplicate"
    : ticket.close_reason === "self_solved"
    ? " · solved by a suggestion"
    : "";
  return `${STATUS_EMOJI[ticket.status]} ${
    STATUS_LABELS[ticket.status]
  }${withdrawn}`;
}

function assigneeField(ticket: Ticket) {
  return field(
    "Assignee",
    ticket.assignee ? userMention(ticket.assignee) : "_Unassigned_",
  );
}

function field(label: string, value: string) {
  return { type: "mrkdwn" as const, text: `*${label}*\n${value}` };
}

function ageContext(ticket: Ticket, now: number): ContextBlock {
  // {ago} keeps the age current in every client without editing the card;
  // the fallback is what it was when the card was last drawn.
  const opened = slackDate(
    ticket.created_at,
    "{ago}",
    formatAge(now - ticket.created_at),
  );
  const parts = [
    `Opened ${opened} via ${SOURCE_LABELS[ticket.source] ?? ticket.source}`,
  ];
  if (ticket.source_channel) {
    parts.push(`from ${channelMention(ticket.source_channel)}`);
  }
  if (ticket.updated_at > ticket.created_at) {
    parts.push(
      `· updated ${
        slackDate(
          ticket.updated_at,
          "{ago}",
          formatAge(now - ticket.updated_at),
        )
      }`,
    );
  }
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: parts.join(" ") }],
  };
}
