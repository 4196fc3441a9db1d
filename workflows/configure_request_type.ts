import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureRequestTypeFunction from "../functions/configure_request_type/definition.ts";

/** "Configure a request type": what a queue can be asked for, and how. */
const ConfigureRequestTypeWorkflow = DefineWorkflow({
  callback_id: "configure_request_type",
  title: "Configure a request type",
  description: "Add, change or remove a request type of a Helpdesk queue",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      // Set by triggers made before the function took the person from
      // the interactivity; accepted so they still start, and ignored.
      admin: { type: Schema.slack.types.user_id },
    },
    required: ["interactivity"],
  },
});

ConfigureRequestTypeWorkflow.addStep(ConfigureRequestTypeFunction, {
  interactivity: ConfigureRequestTypeWorkflow.inputs.interactivity,
});

export default ConfigureRequestTypeWorkflow;
