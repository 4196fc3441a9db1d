import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import {
  DESCRIPTION_FIELD,
  PRIORITY_FIELD,
  SUMMARY_FIELD,
} from "./ticket_form_fields.ts";
import CreateTicketFunction from "../functions/create_ticket/definition.ts";
import RecordJiraIssueFunction from "../functions/record_jira_issue/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { JIRA_CLOUD_CREATE_ISSUE } from "../integrations/connectors/jira_cloud.ts";

/**
 * "Open a Jira issue": a Helpdesk ticket and a Jira Cloud issue in one go,
 * through Slack's Jira Cloud connector. The connector signs in as the person
 * who runs it (end-user auth), so the issue is theirs, and a workflow with
 * end-user auth can only start from a link trigger (triggers/open_jira_issue.ts).
 */
export function openJiraIssueWorkflow(
  jira: NonNullable<DeploymentOptions["jiraCloud"]>,
) {
  const workflow = DefineWorkflow({
    callback_id: "open_jira_issue",
    title: "Open a Jira issue",
    description: `Open a Helpdesk ticket with a Jira issue in ${jira.project}`,
    input_parameters: {
      properties: {
        interactivity: { type: Schema.slack.types.interactivity },
        requester: { type: Schema.slack.types.user_id },
        channel: { type: Schema.slack.types.channel_id },
      },
      required: ["interactivity", "requester"],
    },
  });
  const form = workflow.addStep(Schema.slack.functions.OpenForm, {
    title: "Open a Jira issue",
    description:
      `Helpdesk opens a ticket for the triage channel and an issue in Jira project ${jira.project}.`,
    submit_label: "Open issue",
    interactivity: workflow.inputs.interactivity,
    fields: {
      elements: [
        SUMMARY_FIELD,
        DESCRIPTION_FIELD,
        PRIORITY_FIELD,
      ],
      required: ["summary", "priority"],
    },
  });
  const created = workflow.addStep(CreateTicketFunction, {
    summary: form.outputs.fields.summary,
    description: form.outputs.fields.description,
    priority: form.outputs.fields.priority,
    category: "Jira",
    requester: workflow.inputs.requester,
    source_channel: workflow.inputs.channel,
    source: "form",
  });
  const issue = workflow.addStep(JIRA_CLOUD_CREATE_ISSUE, {
    atlassian_access_token: { credential_source: "END_USER" },
    jira_domain: jira.domain,
    project: jira.project,
    issueType: jira.issueType,
    // The Helpdesk key leads, as on JSM requests, so people can find one
    // from the other.
    summary: `[${created.outputs.ticket_key}] ${form.outputs.fields.summary}`,
    description: form.outputs.fields.description,
  });
  workflow.addStep(RecordJiraIssueFunction, {
    ticket_id: created.outputs.ticket_id,
    issue_url: issue.outputs.issue_url,
    issue_id: issue.outputs.issue_id,
    interactivity: form.outputs.interactivity,
  });
  return workflow;
}
