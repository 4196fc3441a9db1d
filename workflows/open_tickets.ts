import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import OpenTicketsFunction from "../functions/open_tickets/definition.ts";

/** "Open tickets": started by its link trigger (triggers/open_tickets.ts). */
const OpenTicketsWorkflow = DefineWorkflow({
  callback_id: "open_tickets",
  title: "Open tickets",
  description: "See the open tickets of the Helpdesk queues you work",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
});

OpenTicketsWorkflow.addStep(OpenTicketsFunction, {
  interactivity: OpenTicketsWorkflow.inputs.interactivity,
});

export default OpenTicketsWorkflow;
