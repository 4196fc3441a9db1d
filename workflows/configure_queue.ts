import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureQueueFunction from "../functions/configure_queue/definition.ts";

/**
 * "Configure a queue": choose a queue the person may change (or a new one,
 * for Helpdesk's admins), then its channels, roles and holidays in a form
 * that opens on what is saved. The confirmation DM lists what was saved.
 */
const ConfigureQueueWorkflow = DefineWorkflow({
  callback_id: "configure_queue",
  title: "Configure a queue",
  description: "Create or change a Helpdesk queue and who works it",
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

ConfigureQueueWorkflow.addStep(ConfigureQueueFunction, {
  interactivity: ConfigureQueueWorkflow.inputs.interactivity,
});

export default ConfigureQueueWorkflow;
