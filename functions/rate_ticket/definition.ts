import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const RATE_TICKET_CALLBACK_ID = "rate_ticket";
export const RATING_COMMENT_VIEW_CALLBACK_ID = "rating_comment";

/**
 * Runs once per click on a rating button in the requester's DM: saves the
 * rating, then asks for an optional comment in a modal and finishes when
 * the modal is sent or skipped.
 */
export default DefineFunction({
  callback_id: RATE_TICKET_CALLBACK_ID,
  title: "Rate a Helpdesk ticket",
  description: "Record the requester's satisfaction with a resolved ticket",
  source_file: "functions/rate_ticket/handler.ts",
  input_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
      rating: { type: Schema.types.string, title: "Rating, 1 to 5" },
      // Who rated is the interactivity's interactor, set by Slack from the
      // click (slack/workspace/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["ticket_id", "rating", "interactivity"],
  },
  output_parameters: {
    properties: {
      rating: { type: Schema.types.integer, title: "Rating saved" },
    },
    required: [],
  },
});
