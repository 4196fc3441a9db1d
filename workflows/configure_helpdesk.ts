import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureHelpdeskFunction from "../functions/configure_helpdesk/definition.ts";

/**
 * "Configure Helpdesk": a modal on the current triage channel, agents and
 * Helpdesk's admins. Only admins may open and save it, once there are any.
 */
const ConfigureHelpdeskWorkflow = DefineWorkflow({
  callback_id: "configure_helpdesk",
  title: "Configure Helpdesk",
  description: "Choose the triage channel and who the agents are",
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

ConfigureHelpdeskWorkflow.addStep(ConfigureHelpdeskFunction, {
  interactivity: ConfigureHelpdeskWorkflow.inputs.interactivity,
});

export default ConfigureHelpdeskWorkflow;
