// The triage card's controls. They are workflow buttons, not plain buttons:
// a plain button on a message is routed only to the function execution that
// posted it, and only while that execution is still open, while the card
// must work for the ticket's whole life. A workflow button starts a new run
// of the "Update a ticket" workflow through a link trigger each time it is
// clicked, carrying the ticket id and the action as the trigger's
// customizable inputs.
import type { SIMILAR_ACTION } from "../../helpdesk/similar/solved_tickets.ts";
import type { HISTORY_ACTION } from "../../helpdesk/tickets/ticket_history.ts";
import type { ActionsBlock, WorkflowButton } from "@slack/types";
import type { Status, Ticket } from "../../helpdesk/tickets/model.ts";
import { allowedNextStatuses } from "../../helpdesk/tickets/status_rules.ts";
import type {
  RequestActionType,
  TicketActionType,
} from "../../helpdesk/tickets/roles.ts";
import type { ConversationAction } from "../../helpdesk/tickets/conversation.ts";
import type { MergeActionType } from "../../helpdesk/tickets/ticket_merge.ts";

/** A workflow button needs the link trigger's URL; see triggers/created_by_app/update_ticket.ts. */
export interface CardControls {
  actionTriggerUrl?: string;
}

interface Control {
  action: TicketActionType;
  label: string;
  style?: "primary" | "danger";
}

/** The controls that make sense for the ticket's status, in reading order. */
export function cardControls(status: Status): Control[] {
  const next = allowedNextStatuses(status);
  const controls: Control[] = [];
  if (status !== "resolved" && status !== "closed") {
    controls.push({ action: "claim", label: "Claim" });
    controls.push({ action: "assign", label: "Assign to…" });
  }
  if (status === "new") controls.push({ action: "start", label: "Start" });
  if (status === "waiting_on_requester") {
    controls.push({ action: "start", label: "Back in progress" });
  }
  if (next.includes("waiting_on_requester")) {
    controls.push({ action: "wait", label: "Waiting on requester" });
  }
  if (next.includes("resolved")) {
    controls.push({ action: "resolve", label: "Resolve", style: "primary" });
  }
  if (status === "resolved") {
    controls.push({ action: "close", label: "Close", style: "primary" });
    controls.push({ action: "reopen", label: "Reopen" });
  }
  // Edit… and Move… open a form (see use_cases/changes/edit_ticket.ts and
  // move_ticket.ts); a closed ticket stays as it was, where it was.
  if (status !== "closed") controls.push({ action: "edit", label: "Edit…" });
  if (status !== "resolved" && status !== "closed") {
    controls.push({ action: "move", label: "Move…" });
  }
  return controls;
}

export function cardActions(
  ticket: Ticket,
  controls: CardControls,
): ActionsBlock | undefined {
  const available: Array<{
    action:
      | TicketActionType
      | RequestActionType
      | ConversationAction
      | MergeActionType
      | typeof SIMILAR_ACTION
      | typeof HISTORY_ACTION;
    label: string;
    style?: "primary" | "danger";
  }> = [...cardControls(ticket.status)];
  // Merging and linking (use_cases/changes/merge_ticket.ts): an open
  // ticket merges into another; the kept one can give it back until closed.
  if (ticket.status !== "closed" && ticket.approval !== "pending") {
    if (ticket.status !== "resolved" && !ticket.merged_into) {
      available.push({ action: "merge", label: "Merge into…" });
    }
    if (ticket.merged_from?.length) {
      available.push({ action: "unmerge", label: "Unmerge…" });
    }
    available.push({ action: "link", label: "Link related…" });
  }
  if (ticket.private) {
    available.push({ action: "details", label: "Show details" });
  }
  // Solved tickets that look alike (use_cases/changes/similar_tickets.ts).
  if (ticket.status !== "closed") {
    available.push({ action: "similar", label: "Similar…" });
  }
  // The conversation: to the requester, and among the agents.
  if (ticket.status !== "closed" && ticket.approval !== "pending") {
    available.push({ action: "reply", label: "Reply to requester" });
    available.push({ action: "note", label: "Note" });
  }
  // Who changed what, for as long as the ticket lives, closed or not
  // (use_cases/changes/ticket_history.ts).
  available.push({ action: "history", label: "History…" });
  if (available.length === 0 || !controls.actionTriggerUrl) return undefined;
  const url = controls.actionTriggerUrl;
  return {
    type: "actions",
    block_id: `ticket_actions_${ticket.status}`,
    elements: available.map((control): WorkflowButton => ({
      type: "workflow_button",
      action_id: `ticket_${control.action}`,
      text: { type: "plain_text", text: control.label },
      ...(control.style ? { style: control.style } : {}),
      workflow: {
        trigger: {
          url,
          customizable_input_parameters: [
            { name: "ticket_id", value: ticket.id },
            { name: "action", value: control.action },
          ],
        },
      },
    })),
  };
}
