import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const RECORD_JIRA_ISSUE_CALLBACK_ID = "record_jira_issue";

/** The last step of "Open a Jira issue": puts the issue on the ticket. */
export default DefineFunction({
  callback_id: RECORD_JIRA_ISSUE_CALLBACK_ID,
  title: "Record a Jira issue on a ticket",
  description: "Link a Jira Cloud issue to a Helpdesk ticket and show it",
  source_file: "functions/record_jira_issue/handler.ts",
  input_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
      issue_url: { type: Schema.types.string, title: "Issue link" },
      issue_id: { type: Schema.types.string, title: "Issue id or key" },
      actor: { type: Schema.slack.types.user_id, title: "Who opened it" },
    },
    required: ["ticket_id", "actor"],
  },
  output_parameters: {
    properties: {
      issue_key: { type: Schema.types.string, title: "Issue key" },
    },
    required: [],
  },
});
