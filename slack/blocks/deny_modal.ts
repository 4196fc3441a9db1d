// The "Deny…" modal: why the request is denied, which the requester is told.
import type { ModalView } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { ticketModal } from "./ticket_modal.ts";
import { DENIAL_REASON_LIMIT } from "../../helpdesk/tickets/approval.ts";

export const REASON_BLOCK = "reason";
export const REASON_ACTION = "reason";

export function denyModal(ticket: Ticket, callbackId: string): ModalView {
  return ticketModal(ticket, callbackId, {
    title: "Deny request",
    submit: "Deny",
  }, {
    type: "input",
    block_id: REASON_BLOCK,
    label: { type: "plain_text", text: "Reason" },
    hint: {
      type: "plain_text",
      text: "The requester gets this with the decision.",
    },
    element: {
      type: "plain_text_input",
      action_id: REASON_ACTION,
      multiline: true,
      max_length: DENIAL_REASON_LIMIT,
    },
  });
}
