// A Jira issue opened for a ticket (by a Workflow Builder step, say), linked
// to it: its key and link on the card, and a line in the card's thread. Only
// the ticket's requester, its reporter and its queue's agents may link one.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { JiraIssueRef } from "../../helpdesk/tickets/jira_issue.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueRoles } from "../../slack/workspace/queue_directory.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { activityReply } from "../../slack/blocks/ticket_messages.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";
import { isQueueAgent } from "./queue_agents.ts";

export async function linkJiraIssue(
  client: SlackAPIClient,
  ticketId: string,
  actor: string,
  ref: Extract<JiraIssueRef, { ok: true }>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  // A partial update would create a stub item for an unknown id.
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { settings, queue } = loaded;
  const requester = loaded.ticket.requester;
  if (
    actor !== requester && actor !== loaded.ticket.reporter &&
    !await isQueueAgent(new QueueRoles(client, queue, requester), actor)
  ) {
    return {
      ok: false,
      reason:
        `Only ${loaded.ticket.key}'s requester and its queue's agents can link a Jira issue to it.`,
    };
  }
  const now = Math.floor(Date.now() / 1000);
  const ticket = await updateTicketFields(client, ticketId, {
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
  return { ok: true };
}
