// Messages about a ticket that must not be lost to a passing failure. When
// Slack refuses a thread reply or a DM for a reason that may pass (a rate
// limit, an error on Slack's side), the message is kept on the ticket and
// the scheduled check sends it again. A message whose answer was lost after
// Slack had posted it may so arrive twice; one refused for a lasting reason
// (the person left, the channel is gone) is dropped and logged.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { KnownBlock } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { updateTicketFields } from "../storage/ticket_store.ts";

export interface OutboxMessage {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks?: KnownBlock[];
}

/** Refusals that sending again won't change. */
const LASTING = new Set([
  "channel_not_found",
  "is_archived",
  "is_inactive",
  "user_not_found",
  "user_disabled",
  "account_inactive",
  "cannot_dm_bot",
  "msg_too_long",
  "invalid_blocks",
  "no_text",
  "missing_scope",
  "restricted_action",
]);

function passing(error: unknown): boolean {
  return !(error instanceof SlackCallError) || !LASTING.has(error.code);
}

async function post(client: SlackAPIClient, message: OutboxMessage) {
  await slackCall(client, "chat.postMessage", {
    ...message,
    unfurl_links: false,
  });
}

/**
 * Posts each message; those refused for a passing reason are kept on the
 * ticket. Answers the failures, for the caller to report.
 */
export async function sendOrKeep(
  client: SlackAPIClient,
  ticket: Ticket,
  messages: OutboxMessage[],
): Promise<unknown[]> {
  const results = await Promise.allSettled(
    messages.map((m) => post(client, m)),
  );
  const failures = results.flatMap((r) =>
    r.status === "rejected" ? [r.reason] : []
  );
  const kept = messages.filter((_, i) => {
    const r = results[i];
    if (r.status === "fulfilled") return false;
    if (!passing(r.reason)) {
      console.error(`${ticket.key}: a message was dropped`, r.reason);
      return false;
    }
    return true;
  });
  await keepForLater(client, ticket, kept);
  return failures;
}

/** Keeps messages on the ticket for the scheduled check to send. */
export async function keepForLater(
  client: SlackAPIClient,
  ticket: Ticket,
  messages: OutboxMessage[],
) {
  if (messages.length === 0) return;
  await updateTicketFields(client, ticket.id, {
    outbox: [...ticket.outbox ?? [], ...messages.map((m) => JSON.stringify(m))],
    outbox_due: true,
  }).catch((error) =>
    console.error(`${ticket.key}: messages lost after a failure`, error)
  );
}

/** Sends what the ticket kept; keeps what fails again for a passing reason. */
export async function flushOutbox(
  client: SlackAPIClient,
  ticket: Ticket,
): Promise<number> {
  const kept = (ticket.outbox ?? []).flatMap((json) => {
    try {
      return [JSON.parse(json) as OutboxMessage];
    } catch {
      return [];
    }
  });
  let sent = 0;
  const still: string[] = [];
  for (const message of kept) {
    try {
      await post(client, message);
      sent++;
    } catch (error) {
      if (passing(error)) still.push(JSON.stringify(message));
      else console.error(`${ticket.key}: a message was dropped`, error);
    }
  }
  await updateTicketFields(client, ticket.id, {
    outbox: still,
    outbox_due: still.length > 0,
  });
  return sent;
}
