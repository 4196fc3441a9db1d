import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const CONFIGURE_HELPDESK_CALLBACK_ID = "configure_helpdesk";
export const HELPDESK_VIEW_CALLBACK_ID = "helpdesk_settings";

/**
 * Opens the "Configure Helpdesk" modal on the current settings, checks what
 * is submitted field by field, and sets everything up. Finishes when the
 * modal is saved or cancelled.
 */
export default DefineFunction({
  callback_id: CONFIGURE_HELPDESK_CALLBACK_ID,
  title: "Configure Helpdesk",
  description:
    "Set the triage channel, the agents and Helpdesk's admins, and prepare the triggers the triage cards use",
  source_file: "functions/configure_helpdesk/handler.ts",
  input_parameters: {
    properties: {
      // Who configures it is the interactivity's interactor, set by Slack
      // (slack/workspace/acting_person.ts); who saves it, the person Slack
      // names on the modal's submission.
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: { properties: {}, required: [] },
});
