import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const CONFIGURE_QUEUE_CALLBACK_ID = "configure_queue";
export const QUEUE_CHOICE_VIEW_CALLBACK_ID = "queue_choice";
export const QUEUE_VIEW_CALLBACK_ID = "queue_settings";

/**
 * Opens "Configure a queue": which queue (those the person may change, and
 * a new one for Helpdesk's admins), then its form on what is saved. Checks
 * what is submitted field by field and saves it. Finishes when the modal is
 * saved or cancelled; a save hands the queue and who saved it to the next
 * step (sync_queue_reactions), which tells them what was saved.
 *
 * Who opens it is the interactivity's interactor, set by Slack
 * (slack/workspace/acting_person.ts); who saves it, the person Slack names
 * on the modal's submission. (Comments inside the object below would ride
 * in the bundle: esbuild keeps them.)
 */
export default DefineFunction({
  callback_id: CONFIGURE_QUEUE_CALLBACK_ID,
  title: "Configure a Helpdesk queue",
  description:
    "Create a queue or change one: its name, triage channel, intake channels, roles and holidays",
  source_file: "functions/configure_queue/handler.ts",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      queue_id: { type: Schema.types.string, title: "Queue id" },
      saved_by: { type: Schema.slack.types.user_id, title: "Saved by" },
    },
    required: [],
  },
});
