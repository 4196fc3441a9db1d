import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureServiceLevelsFunction from "../functions/configure_service_levels/definition.ts";

/** "Service levels": targets, business hours, escalation and auto-close. */
const ConfigureServiceLevelsWorkflow = DefineWorkflow({
  callback_id: "configure_service_levels",
  title: "Helpdesk service levels",
  description: "Set response and resolution targets and who breaches go to",
  input_parameters: {
    properties: {
      // Set by triggers made before the function took the person from
      // the interactivity; accepted so they still start, and ignored.
      admin: { type: Schema.slack.types.user_id },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
});

ConfigureServiceLevelsWorkflow.addStep(ConfigureServiceLevelsFunction, {
  interactivity: ConfigureServiceLevelsWorkflow.inputs.interactivity,
});

export default ConfigureServiceLevelsWorkflow;
