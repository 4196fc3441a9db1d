// The buttons on what Helpdesk sends a requester by DM: Reply, so they can
// answer through the ticket (the app's DM is read-only for them), and what
// fits the ticket's status: Withdraw while it is open, close or reopen once
// resolved, Reopen for a while after it closed. Each is a workflow button
// that starts the update_ticket workflow (see ticket_card.ts for why), whose
// run checks who clicked and what the ticket is now.
import type { ActionsBlock, KnownBlock, WorkflowButton } from "@slack/types";
import { OPEN_STATUSES, type Ticket } from "../../helpdesk/tickets/model.ts";
import {
  canReopen,
  type ReopenRules,
} from "../../helpdesk/tickets/requester_actions.ts";
import { DEFAULT_REOPEN_DAYS } from "../../helpdesk/tickets/service_level_settings.ts";
import type { TicketActionType } from "../../helpdesk/tickets/roles.ts";

/** What a requester can do to the ticket itself, besides replying. */
export type RequesterAction = Extract<
  TicketActionType,
  "withdraw" | "close" | "reopen"
>;

export const REQUESTER_LABELS: Record<RequesterAction, string> = {
  withdraw: "Withdraw",
  close: "It's fixed: close it",
  reopen: "Reopen",
};

/** The status actions that fit the ticket at `now`, in reading order. */
export function requesterChoices(
  ticket: Ticket,
  rules: ReopenRules,
  now: number,
): RequesterAction[] {
  if (OPEN_STATUSES.includes(ticket.status)) return ["withdraw"];
  if (ticket.status === "resolved") return ["close", "reopen"];
  return canReopen(ticket, rules, now) ? ["reopen"] : [];
}

export interface RequesterControls {
  rules?: ReopenRules;
  /** Unix seconds; whether a closed ticket can still be reopened. */
  now?: number;
}

/**
 * The DM's news (its text, or blocks such as the rating request) with the
 * requester's buttons under it; undefined for plain text with no buttons.
 */
export function requesterDmBlocks(
  ticket: Ticket,
  lead: string | KnownBlock[],
  actionTriggerUrl: string | undefined,
  controls: RequesterControls = {},
): KnownBlock[] | undefined {
  const actions = requesterActions(ticket, actionTriggerUrl, controls);
  if (typeof lead === "string") {
    if (!actions) return undefined;
    return [{ type: "section", text: { type: "mrkdwn", text: lead } }, actions];
  }
  return actions ? [...lead, actions] : lead;
}

export function requesterActions(
  ticket: Ticket,
  actionTriggerUrl: string | undefined,
  controls: RequesterControls = {},
): ActionsBlock | undefined {
  if (!actionTriggerUrl) return undefined;
  const button = (
    action: string,
    label: string,
    extra: Partial<WorkflowButton> = {},
  ): WorkflowButton => ({
    type: "workflow_button",
    action_id: action === "comment" ? "ticket_comment" : `requester_${action}`,
    text: { type: "plain_text", text: label },
    accessibility_label: `${label} ${ticket.key}`,
    ...extra,
    workflow: {
      trigger: {
        url: actionTriggerUrl,
        customizable_input_parameters: [
          { name: "ticket_id", value: ticket.id },
          { name: "action", value: action },
        ],
      },
    },
  });
  const elements: WorkflowButton[] = [];
  // A closed ticket takes no more messages; a new request does.
  if (ticket.status !== "closed") {
    elements.push(
      button("comment", "Reply", {
        accessibility_label: `Add to ${ticket.key}`,
      }),
    );
  }
  const choices = requesterChoices(
    ticket,
    controls.rules ?? { reopenDays: DEFAULT_REOPEN_DAYS },
    controls.now ?? Math.floor(Date.now() / 1000),
  );
  for (const action of choices) {
    elements.push(button(action, REQUESTER_LABELS[action], {
      ...(action === "close" ? { style: "primary" as const } : {}),
      ...(action === "withdraw" ? { style: "danger" as const } : {}),
    }));
  }
  if (elements.length === 0) return undefined;
  return {
    type: "actions",
    block_id: `requester_actions_${ticket.id}`,
    elements,
  };
}
