// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";
import JsmUpdateWorkflow from "../workflows/jsm_update.ts";

/**
 * The URL a JSM automation rule posts to. Create it with
 *   slack trigger create --trigger-def triggers/jsm_update.ts
 * and give the printed webhook URL to the rule's "Send web request" action,
 * with a JSON body of these fields (docs/jsm-and-connectors.md).
 */
const trigger: Trigger<typeof JsmUpdateWorkflow.definition> = {
  type: TriggerTypes.Webhook,
  name: "Jira Service Management updates",
  description: "Status changes, public comments and attachments from JSM",
  workflow: `#/workflows/${JsmUpdateWorkflow.definition.callback_id}`,
  inputs: {
    secret: { value: "{{data.secret}}" },
    issue_key: { value: "{{data.issue_key}}" },
    status: { value: "{{data.status}}" },
    comment: { value: "{{data.comment}}" },
    comment_author: { value: "{{data.comment_author}}" },
    comment_public: { value: "{{data.comment_public}}" },
    comment_id: { value: "{{data.comment_id}}" },
    event_at: { value: "{{data.event_at}}" },
    attachment_ids: { value: "{{data.attachment_ids}}" },
    attachment_public: { value: "{{data.attachment_public}}" },
  },
};

export default trigger;
