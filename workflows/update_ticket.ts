import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import UpdateTicketFunction from "../functions/update_ticket/definition.ts";

/** Started by a triage card's workflow buttons (see triggers/ticket_action.ts). */
const UpdateTicketWorkflow = DefineWorkflow({
  callback_id: "update_ticket",
  title: "Update a ticket",
  description: "Claim, assign, or change the status of a Helpdesk ticket",
  input_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string },
      action: { type: Schema.types.string },
      actor: { type: Schema.slack.types.user_id },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["ticket_id", "action", "actor", "interactivity"],
  },
});

UpdateTicketWorkflow.addStep(UpdateTicketFunction, {
  ticket_id: UpdateTicketWorkflow.inputs.ticket_id,
  action: UpdateTicketWorkflow.inputs.action,
  actor: UpdateTicketWorkflow.inputs.actor,
  interactivity: UpdateTicketWorkflow.inputs.interactivity,
});

export default UpdateTicketWorkflow;
