import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const CONFIGURE_REQUEST_TYPE_CALLBACK_ID = "configure_request_type";
export const TYPE_CHOICE_VIEW_CALLBACK_ID = "request_type_setup_choice";
export const TYPE_VIEW_CALLBACK_ID = "request_type_settings";

/**
 * Opens "Configure a request type": which type (in the queues the person
 * may change, or a new one), then its form on what is saved. Checks what is
 * submitted field by field, and saves or removes it. Finishes when the
 * modal is saved or cancelled.
 */
export default DefineFunction({
  callback_id: CONFIGURE_REQUEST_TYPE_CALLBACK_ID,
  title: "Configure a Helpdesk request type",
  description:
    "Add, change or remove a request type of a queue: its questions, approval and privacy",
  source_file: "functions/configure_request_type/handler.ts",
  input_parameters: {
    properties: {
      // Who opens it is the interactivity's interactor, set by Slack
      // (slack/workspace/acting_person.ts); who saves it, the person Slack
      // names on the modal's submission.
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      request_type_id: { type: Schema.types.string, title: "Request type id" },
    },
    required: [],
  },
});
