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
      // Who opened the issue: the form's submitter, set by Slack
      // (slack/workspace/acting_person.ts). They must be the ticket's
      // requester or one of its queue's agents.
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["ticket_id", "interactivity"],
  },
  output_parameters: {
    properties: {
      issue_key: { type: Schema.types.string, title: "Issue key" },
    },
    required: [],
  },
});
