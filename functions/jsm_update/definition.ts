import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { JSM_ACCESS_TOKEN_INPUT } from "../../integrations/jsm/atlassian_provider.ts";

export const JSM_UPDATE_CALLBACK_ID = "jsm_update";

/**
 * Run by the JSM webhook trigger (triggers/jsm_update.ts). Every input is
 * meant to be a string from the JSON body a JSM automation rule sends (see
 * docs/jsm-and-connectors.md), and is checked as anything at all before use
 * (integrations/jsm/webhook_payload.ts).
 */
export default DefineFunction({
  callback_id: JSM_UPDATE_CALLBACK_ID,
  title: "Receive a JSM update",
  description:
    "Apply a status change, public comment or attachment from Jira Service Management to its Helpdesk ticket",
  source_file: "functions/jsm_update/handler.ts",
  input_parameters: {
    properties: {
      secret: { type: Schema.types.string, title: "Shared secret" },
      issue_key: { type: Schema.types.string, title: "JSM request key" },
      status: { type: Schema.types.string, title: "JSM status name" },
      comment: { type: Schema.types.string, title: "Comment text" },
      comment_author: { type: Schema.types.string, title: "Comment author" },
      comment_public: {
        type: Schema.types.string,
        title: "Comment is public (true/false)",
      },
      comment_id: {
        type: Schema.types.string,
        title: "JSM comment id",
        description: "{{comment.id}}: a comment sent twice is relayed once",
      },
      event_at: {
        type: Schema.types.string,
        title: "When it changed in JSM",
        description:
          "{{issue.updated}}: a status change sent twice is applied once",
      },
      attachment_ids: {
        type: Schema.types.string,
        title: "JSM attachment ids",
        description:
          "{{attachment.id}}, or several separated by commas: copied to Slack once each (with HELPDESK_FILES=on)",
      },
      attachment_public: {
        type: Schema.types.string,
        title: "Attachments are public (true/false)",
      },
      // In OAuth mode, the token to read attachments with.
      jsm_access_token: JSM_ACCESS_TOKEN_INPUT,
    },
    required: ["secret", "issue_key"],
  },
  output_parameters: {
    properties: {
      result: { type: Schema.types.string, title: "What was done" },
    },
    required: ["result"],
  },
});
