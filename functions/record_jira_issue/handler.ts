import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RecordJiraIssueFunction from "./definition.ts";
import { jiraIssueRef } from "../../helpdesk/tickets/jira_issue.ts";
import { linkJiraIssue } from "../../use_cases/changes/jira_issue_link.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  RecordJiraIssueFunction,
  async ({ inputs, client }) => {
    const actor = actingPerson(inputs.interactivity);
    if (!actor) return { error: NO_ACTING_PERSON };
    const ref = jiraIssueRef(inputs.issue_url, inputs.issue_id);
    if (!ref.ok) return { error: ref.problem };
    const linked = await linkJiraIssue(client, inputs.ticket_id, actor, ref);
    if (!linked.ok) return { error: linked.reason };
    return { outputs: { issue_key: ref.key } };
  },
);
