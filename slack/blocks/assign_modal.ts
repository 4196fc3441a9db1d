// The "Assign to…" modal: one user picker, opened from a card's button.
import type { ModalView } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { ticketModal } from "./ticket_modal.ts";

export const ASSIGNEE_BLOCK = "assignee";
export const ASSIGNEE_ACTION = "assignee";

export function assignModal(ticket: Ticket, callbackId: string): ModalView {
  return ticketModal(ticket, callbackId, {
    title: "Assign ticket",
    submit: "Assign",
  }, {
    type: "input",
    block_id: ASSIGNEE_BLOCK,
    label: { type: "plain_text", text: "Assign to" },
    hint: {
      type: "plain_text",
      text: "Only Helpdesk agents can be assigned.",
    },
    element: {
      type: "users_select",
      action_id: ASSIGNEE_ACTION,
      placeholder: { type: "plain_text", text: "Choose an agent" },
      ...(ticket.assignee ? { initial_user: ticket.assignee } : {}),
    },
  });
}
