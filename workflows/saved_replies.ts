import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import SavedRepliesFunction from "../functions/saved_replies/definition.ts";

/**
 * "Saved replies": a queue's owner and admins (and Helpdesk's admins, for
 * any queue) add, change or remove the answers agents pick in Reply to
 * requester.
 */
const SavedRepliesWorkflow = DefineWorkflow({
  callback_id: "saved_replies",
  title: "Saved replies",
  description: "Add, change or remove a Helpdesk queue's saved replies",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
});

SavedRepliesWorkflow.addStep(SavedRepliesFunction, {
  interactivity: SavedRepliesWorkflow.inputs.interactivity,
});

export default SavedRepliesWorkflow;
