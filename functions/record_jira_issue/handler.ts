import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RecordJiraIssueFunction from "./definition.ts";
import { jiraIssueRef } from "../../helpdesk/tickets/jira_issue.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { isQueueAgent } from "../../use_cases/changes/change_ticket.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { activityReply } from "../../slack/blocks/ticket_messages.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";

export default SlackFunction(
  RecordJiraIssueFunction,
  async ({ inputs, client }) => {
    const actor = actingPerson(inputs.interactivity);
    if (!actor) return { error: NO_ACTING_PERSON };
    const ref = jiraIssueRef(inputs.issue_url, inputs.issue_id);
    if (!ref.ok) return { error: ref.problem };
    // A partial update would create a stub item for an unknown id.
    const loaded = await loadQueuedTicket(client, inputs.ticket_id);
    if (!loaded.ok) return { error: loaded.reason };
    const { settings, queue } = loaded;
    const requester = loaded.ticket.requester;
    if (
      actor !== requester && actor !== loaded.ticket.reporter &&
      !await isQueueAgent(new QueueDirectory(client, queue, requester), actor)
    ) {
      return {
        error:
          `Only ${loaded.ticket.key}'s requester and its queue's agents can link a Jira issue to it.`,
      };
    }
    const now = Math.floor(Date.now() / 1000);
    const ticket = await updateTicketFields(client, inputs.ticket_id, {
      jira_issue_key: ref.key,
      jira_issue_url: ref.url ?? "",
      updated_at: now,
    });
    const link = ref.url ? `<${ref.url}|${ref.key}>` : ref.key;
    await Promise.all([
      redrawTicketCard(client, settings, ticket, now),
      ticket.card_channel && ticket.card_ts
        ? slackCall(client, "chat.postMessage", {
          channel: ticket.card_channel,
          thread_ts: ticket.card_ts,
          text: activityReply(
            `${userMention(actor)} opened Jira issue ${link} for ${ticket.key}`,
            now,
          ),
          unfurl_links: false,
        })
        : undefined,
    ]);
    return { outputs: { issue_key: ref.key } };
  },
);
