// The "Deny…" modal: why the request is denied, which the requester is told.
import type { ModalView } from "@slack/types";
import type { Ticket } from "../tickets/model.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { ticketMetadata } from "./modal_metadata.ts";
import { DENIAL_REASON_LIMIT } from "../tickets/approval.ts";

export const REASON_BLOCK = "reason";
export const REASON_ACTION = "reason";

export function denyModal(ticket: Ticket, callbackId: string): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: "Deny request" },
    submit: { type: "plain_text", text: "Deny" },
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
      },
    ],
  };
}
