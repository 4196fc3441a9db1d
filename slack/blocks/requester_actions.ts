// The buttons on what Helpdesk sends a requester by DM, so they can answer
// through the ticket: the app's DM is read-only for them, and a workflow
// button starts the update_ticket workflow (see ticket_card.ts for why).
import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** A DM's text with the requester's buttons under it. */
export function requesterDmBlocks(
  ticket: Ticket,
  text: string,
  actionTriggerUrl: string | undefined,
): KnownBlock[] | undefined {
  const actions = requesterActions(ticket, actionTriggerUrl);
  if (!actions) return undefined;
  return [{ type: "section", text: { type: "mrkdwn", text } }, actions];
}

export function requesterActions(
  ticket: Ticket,
  actionTriggerUrl: string | undefined,
): ActionsBlock | undefined {
  // A closed ticket takes no more messages; a new request does.
  if (!actionTriggerUrl || ticket.status === "closed") return undefined;
  return {
    type: "actions",
    block_id: `requester_actions_${ticket.id}`,
    elements: [{
      type: "workflow_button",
      action_id: "ticket_comment",
      text: { type: "plain_text", text: "Reply" },
      accessibility_label: `Add to ${ticket.key}`,
      workflow: {
        trigger: {
          url: actionTriggerUrl,
          customizable_input_parameters: [
            { name: "ticket_id", value: ticket.id },
            { name: "action", value: "comment" },
          ],
        },
      },
    }],
  };
}
