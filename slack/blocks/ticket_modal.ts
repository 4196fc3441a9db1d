// The frame of a modal about one ticket (Assign to…, Deny…): its key and
// summary on top, one input below, and the ticket's id in private_metadata,
// the only state Slack hands back with the submission.
import type { InputBlock, ModalView } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { ticketMetadata } from "./modal_metadata.ts";

export function ticketModal(
  ticket: Ticket,
  callbackId: string,
  labels: { title: string; submit: string },
  input: InputBlock,
): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    // Closing it must end the run that opened it (see finish_run.ts).
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: labels.title },
    submit: { type: "plain_text", text: labels.submit },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${ticket.key}* ${escapeMrkdwn(ticket.summary)}`,
        },
      },
      input,
    ],
  };
}
