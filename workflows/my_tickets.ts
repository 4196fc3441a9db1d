import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import MyTicketsFunction from "../functions/my_tickets/definition.ts";

/** "My tickets": started by its link trigger (triggers/my_tickets.ts). */
const MyTicketsWorkflow = DefineWorkflow({
  callback_id: "my_tickets",
  title: "My tickets",
  description: "See your open and recent Helpdesk tickets",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
});

MyTicketsWorkflow.addStep(MyTicketsFunction, {
  interactivity: MyTicketsWorkflow.inputs.interactivity,
});

export default MyTicketsWorkflow;
