import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import RateTicketFunction from "../functions/rate_ticket/definition.ts";
import { RATE_TICKET_WORKFLOW } from "./created_by_app_ids.ts";

/** Started by the rating buttons in a requester's DM (triggers/created_by_app/rate_ticket.ts). */
const RateTicketWorkflow = DefineWorkflow({
  callback_id: RATE_TICKET_WORKFLOW,
  title: "Rate a ticket",
  description: "Tell Helpdesk how a resolved ticket went",
  input_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string },
      rating: { type: Schema.types.string },
      // Set by triggers made before the function took the person from the
      // interactivity; accepted so they still start, and ignored.
      user: { type: Schema.slack.types.user_id },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["ticket_id", "rating", "interactivity"],
  },
});

RateTicketWorkflow.addStep(RateTicketFunction, {
  ticket_id: RateTicketWorkflow.inputs.ticket_id,
  rating: RateTicketWorkflow.inputs.rating,
  interactivity: RateTicketWorkflow.inputs.interactivity,
});

export default RateTicketWorkflow;
