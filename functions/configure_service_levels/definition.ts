import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const CONFIGURE_SERVICE_LEVELS_CALLBACK_ID = "configure_service_levels";
export const SERVICE_LEVEL_VIEW_CALLBACK_ID = "service_levels";

/**
 * Opens the "Service levels" modal with the current settings, checks what
 * is submitted field by field, and saves it. Finishes when the modal is
 * saved or cancelled.
 */
export default DefineFunction({
  callback_id: CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
  title: "Configure service levels",
  description:
    "Set response and resolution targets, business hours, escalation and auto-close",
  source_file: "functions/configure_service_levels/handler.ts",
  input_parameters: {
    properties: {
      // Who opens it is the interactivity's interactor, set by Slack
      // (slack/workspace/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: { properties: {}, required: [] },
});
