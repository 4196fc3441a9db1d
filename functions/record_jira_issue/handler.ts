import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RecordJiraIssueFunction from "./definition.ts";
import { jiraIssueRef } from "../../helpdesk/tickets/jira_issue.ts";
import {
  getTicket,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { redrawTicketCard } from "../../slack/operations/triage_card.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { activityReply } from "../../slack/blocks/ticket_messages.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";

export default SlackFunction(
  RecordJiraIssueFunction,
  async ({ inputs, client }) => {
    const ref = jiraIssueRef(inputs.issue_url, inputs.issue_id);
    if (!ref.ok) return { error: ref.problem };
    // A partial update would create a stub item for an unknown id.
    if (!await getTicket(client, inputs.ticket_id)) {
      return { error: `No Helpdesk ticket has the id "${inputs.ticket_id}".` };
    }
    const now = Math.floor(Date.now() / 1000);
    const ticket = await updateTicketFields(client, inputs.ticket_id, {
      jira_issue_key: ref.key,
      jira_issue_url: ref.url ?? "",
      updated_at: now,
    });
    const settings = await getSettings(client);
    const link = ref.url ? `<${ref.url}|${ref.key}>` : ref.key;
    await Promise.all([
      settings ? redrawTicketCard(client, settings, ticket, now) : undefined,
      ticket.card_channel && ticket.card_ts
        ? slackCall(client, "chat.postMessage", {
          channel: ticket.card_channel,
          thread_ts: ticket.card_ts,
          text: activityReply(
            `${
              userMention(inputs.actor)
            } opened Jira issue ${link} for ${ticket.key}`,
            now,
          ),
          unfurl_links: false,
        })
        : undefined,
    ]);
    return { outputs: { issue_key: ref.key } };
  },
);
