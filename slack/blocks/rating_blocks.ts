// The rating request in the requester's DM and the comment modal it leads
// to. The stars are workflow buttons on the "Rate a ticket" link trigger, for
// the same reason the card's controls are: a DM outlives the run that sent
// it, and a workflow button starts a fresh run whenever it is clicked.
import type { KnownBlock, ModalView, WorkflowButton } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  COMMENT_LIMIT,
  RATING_LABELS,
  RATINGS,
} from "../../helpdesk/tickets/rating.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { ticketMetadata } from "./modal_metadata.ts";

export const RATING_COMMENT_BLOCK = "rating_comment";
export const RATING_COMMENT_ACTION = "rating_comment";

/** The DM's text as a section, followed by one button per rating. */
export function ratingRequestBlocks(
  ticket: Ticket,
  text: string,
  ratingTriggerUrl: string,
): KnownBlock[] {
  return [
    { type: "section", text: { type: "mrkdwn", text } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `How did we do with ${ticket.key}? Pick a rating:`,
      },
    },
    {
      type: "actions",
      block_id: "rating",
      elements: RATINGS.map((rating): WorkflowButton => ({
        type: "workflow_button",
        action_id: `rate_${rating}`,
        text: {
          type: "plain_text",
          text: `${"★".repeat(rating)} ${rating}`,
        },
        accessibility_label: `${rating} of 5: ${RATING_LABELS[rating]}`,
        workflow: {
          trigger: {
            url: ratingTriggerUrl,
            customizable_input_parameters: [
              { name: "ticket_id", value: ticket.id },
              { name: "rating", value: String(rating) },
            ],
          },
        },
      })),
    },
  ];
}

export function ratingCommentModal(
  ticket: Ticket,
  callbackId: string,
): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: "Thanks for rating" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Skip" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `You rated *${ticket.key}* ${ticket.rating}/5 (${
            RATING_LABELS[ticket.rating ?? 0] ?? ""
          }): “${escapeMrkdwn(ticket.summary)}”. It's saved.`,
        },
      },
      {
        type: "input",
        block_id: RATING_COMMENT_BLOCK,
        optional: true,
        label: { type: "plain_text", text: "Anything to add?" },
        hint: {
          type: "plain_text",
          text: "Optional. The agents see it on the ticket.",
        },
        element: {
          type: "plain_text_input",
          action_id: RATING_COMMENT_ACTION,
          multiline: true,
          max_length: COMMENT_LIMIT,
          ...(ticket.rating_comment
            ? { initial_value: ticket.rating_comment }
            : {}),
        },
      },
    ],
  };
}
