// Slack's Jira Cloud connector, referenced by id (see google_sheets.ts for
// why). Inputs: atlassian_access_token, jira_domain, project, issueType,
// summary, description (and priority, assignee, custom_fields); outputs
// issue_id, issue_url, project, summary, description, issue_type.
export const JIRA_CLOUD_CREATE_ISSUE = "A04T6GE3LEB#/functions/create_issue";
