import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const ERASE_PERSON_CALLBACK_ID = "erase_person";
export const ERASE_PERSON_PICK_VIEW = "erase_person_pick";
export const ERASE_PERSON_CONFIRM_VIEW = "erase_person_confirm";

/**
 * Opens "Erase a person" for Helpdesk's admins: whom, then a confirmation
 * naming them. The scheduled run does the erasure and sends the receipt.
 * Finishes when the modal is confirmed or closed.
 */
export default DefineFunction({
  callback_id: ERASE_PERSON_CALLBACK_ID,
  title: "Erase a person",
  description:
    "Remove a person's name and words from Helpdesk's tickets (privacy requests)",
  source_file: "functions/erase_person/handler.ts",
  input_parameters: {
    properties: {
      // Who acts is the interactivity's interactor, set by Slack.
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      person: { type: Schema.slack.types.user_id, title: "Person erased" },
    },
    required: [],
  },
});
