import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export default DefineFunction({
  callback_id: "configure_request_type",
  title: "Configure a Helpdesk request type",
  description:
    "Add, change or remove a request type of a queue: its questions, approval and privacy",
  source_file: "functions/configure_request_type/handler.ts",
  input_parameters: {
    properties: {
      queue_name: { type: Schema.types.string, title: "Queue" },
      name: { type: Schema.types.string, title: "Request type" },
      description: { type: Schema.types.string, title: "Description" },
      fields: { type: Schema.types.string, title: "Questions" },
      needs_approval: { type: Schema.types.boolean, title: "Needs approval" },
      approvers: { type: Schema.types.string, title: "Approvers" },
      private: { type: Schema.types.boolean, title: "Private" },
      remove: { type: Schema.types.boolean, title: "Remove it" },
      // Who saves it is the form's submitter, set by Slack
      // (slack/operations/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["queue_name", "name", "interactivity"],
  },
  output_parameters: {
    properties: {
      request_type_id: { type: Schema.types.string, title: "Request type id" },
    },
    required: [],
  },
});
