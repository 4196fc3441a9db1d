import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import JsmUpdateFunction from "../functions/jsm_update/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { jsmTokenInput, NO_INTEGRATIONS } from "./integration_steps.ts";

/**
 * Started by the JSM webhook trigger (triggers/jsm_update.ts). In OAuth
 * mode the step gets the developer's Atlassian token, to read the
 * attachments a delivery names (with HELPDESK_FILES=on).
 */
export function jsmUpdateWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: "jsm_update",
    title: "Update from Jira Service Management",
    description:
      "A JSM request Helpdesk mirrors changed status, got a comment or an attachment",
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
        attachment_ids: { type: Schema.types.string },
        attachment_public: { type: Schema.types.string },
      },
      required: ["secret", "issue_key"],
    },
  });

  workflow.addStep(JsmUpdateFunction, {
    secret: workflow.inputs.secret,
    issue_key: workflow.inputs.issue_key,
    status: workflow.inputs.status,
    comment: workflow.inputs.comment,
    comment_author: workflow.inputs.comment_author,
    comment_public: workflow.inputs.comment_public,
    comment_id: workflow.inputs.comment_id,
    event_at: workflow.inputs.event_at,
    attachment_ids: workflow.inputs.attachment_ids,
    attachment_public: workflow.inputs.attachment_public,
    ...(options.files ? jsmTokenInput(options) : {}),
  });
  return workflow;
}

export default jsmUpdateWorkflow(NO_INTEGRATIONS);
