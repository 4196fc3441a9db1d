import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import JsmUpdateFunction from "../functions/jsm_update/definition.ts";

/** Started by the JSM webhook trigger (triggers/jsm_update.ts). */
const JsmUpdateWorkflow = DefineWorkflow({
  callback_id: "jsm_update",
  title: "Update from Jira Service Management",
  description: "A JSM request Helpdesk mirrors changed status or got a comment",
  input_parameters: {
    properties: {
      secret: { type: Schema.types.string },
      issue_key: { type: Schema.types.string },
      status: { type: Schema.types.string },
      comment: { type: Schema.types.string },
      comment_author: { type: Schema.types.string },
      comment_public: { type: Schema.types.string },
      comment_id: { type: Schema.types.string },
      event_at: { type: Schema.types.string },
    },
    required: ["secret", "issue_key"],
  },
});

JsmUpdateWorkflow.addStep(JsmUpdateFunction, {
  secret: JsmUpdateWorkflow.inputs.secret,
  issue_key: JsmUpdateWorkflow.inputs.issue_key,
  status: JsmUpdateWorkflow.inputs.status,
  comment: JsmUpdateWorkflow.inputs.comment,
  comment_author: JsmUpdateWorkflow.inputs.comment_author,
  comment_public: JsmUpdateWorkflow.inputs.comment_public,
  comment_id: JsmUpdateWorkflow.inputs.comment_id,
  event_at: JsmUpdateWorkflow.inputs.event_at,
});

export default JsmUpdateWorkflow;
