import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const SAVED_REPLIES_CALLBACK_ID = "saved_replies";
export const SAVED_REPLIES_CHOICE_VIEW = "saved_replies_queue";
export const SAVED_REPLIES_VIEW = "saved_replies_form";

/**
 * Opens "Saved replies": which queue (those whose replies the person may
 * change), then a form that adds, changes or removes one of its saved
 * replies. Finishes when the modal is saved or cancelled.
 */
export default DefineFunction({
  callback_id: SAVED_REPLIES_CALLBACK_ID,
  title: "Saved replies",
  description: "Add, change or remove a queue's saved replies",
  source_file: "functions/saved_replies/handler.ts",
  input_parameters: {
    properties: {
      // Who acts is the interactivity's interactor, set by Slack.
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      queue_id: { type: Schema.types.string, title: "Queue id" },
    },
    required: [],
  },
});
