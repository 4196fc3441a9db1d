// The "Assign to…" modal: one user picker, opened from a card's button.
import type { ModalView } from "@slack/types";
import type { Ticket } from "../tickets/model.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { ticketMetadata } from "./modal_metadata.ts";

export const ASSIGNEE_BLOCK = "assignee";
export const ASSIGNEE_ACTION = "assignee";

export function assignModal(ticket: Ticket, callbackId: string): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: "Assign ticket" },
    submit: { type: "plain_text", text: "Assign" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${ticket.key}* ${escapeMrkdwn(ticket.summary)}`,
        },
      },
      {
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
      },
    ],
  };
}
