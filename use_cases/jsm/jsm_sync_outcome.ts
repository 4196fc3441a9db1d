// What one attempt to bring a ticket's JSM request up to date leaves on the
// ticket and tells people (jsm_sync.ts makes the attempt): a request found
// or made is saved and announced (the card redrawn, a thread reply, the
// requester's DM); a failure is recorded with its next retry time and told
// in the thread only the first time in a row; a create too recent for JSM's
// search to be sure of waits without counting as a failure.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  JSM_IMMEDIATE_GRACE_SECONDS,
  JSM_STATUSES,
  jsmRetryDelaySeconds,
} from "../../helpdesk/tickets/jsm_sync.ts";
import type { JsmRequest } from "../../integrations/jsm/customer_requests.ts";
import {
  explainJsmError,
  mayHaveLanded,
} from "../../integrations/jsm/jsm_errors.ts";
import {
  lookupByJsmKey,
  putLookup,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  jsmFailedReply,
  jsmLinkedDm,
  jsmLinkedReply,
  jsmNoTransitionReply,
  jsmSearchWait,
} from "../../slack/blocks/jsm_messages.ts";
import type { JsmSyncDeps } from "./jsm_sync_deps.ts";

export type JsmSyncOutcome =
  | { state: "missing" }
  | { state: "up_to_date"; ticket: Ticket }
  | { state: "synced"; ticket: Ticket; created: boolean; linked: boolean }
  /** `error` is undefined while waiting for JSM's search to catch up. */
  | { state: "pending"; ticket: Ticket; reason: string; error: unknown };

/** What the ticket keeps of its request, and the create record cleared. */
export function linkFields(request: JsmRequest | undefined): Partial<Ticket> {
  if (!request) return {};
  return {
    jsm_key: request.issueKey,
    jsm_url: safeUrl(request.webUrl),
    jsm_status: request.status,
    jsm_create_sent: false,
    jsm_create_sent_at: 0,
  };
}

/**
 * Nothing found yet, but a create was sent too recently for the search to
 * be sure: the ticket waits for the scheduled retry to look again. Not a
 * failure, so no attempt is counted and agents are not told.
 */
export async function waitForSearch(
  deps: JsmSyncDeps,
  ticket: Ticket,
  sentAt: number,
  lookAgainAt: number,
): Promise<JsmSyncOutcome> {
  const reason = jsmSearchWait(sentAt, lookAgainAt);
  const saved = await updateTicketFields(deps.client, ticket.id, {
    jsm_sync: "pending",
    jsm_retry_at: lookAgainAt,
    jsm_error: reason,
  });
  return { state: "pending", ticket: saved, reason, error: undefined };
}

/**
 * The ticket was busy when it was to follow the status JSM set: it waits
 * for the next retry, and no JSM failure is counted or told.
 */
export async function waitForTicket(
  deps: JsmSyncDeps,
  ticket: Ticket,
  reason: string,
): Promise<JsmSyncOutcome> {
  const saved = await updateTicketFields(deps.client, ticket.id, {
    jsm_sync: "pending",
    jsm_retry_at: deps.now + JSM_IMMEDIATE_GRACE_SECONDS,
  });
  return { state: "pending", ticket: saved, reason, error: undefined };
}

export async function recordFailure(
  deps: JsmSyncDeps,
  ticket: Ticket,
  what: {
    /** This run sent a create and has no request to show for it. */
    createUnsure: boolean;
    /** The request this run found or made, saved with the failure. */
    link: Partial<Ticket>;
  },
  error: unknown,
): Promise<JsmSyncOutcome> {
  const { client, now } = deps;
  const attempts = (ticket.jsm_attempts ?? 0) + 1;
  const retryAt = now + jsmRetryDelaySeconds(attempts);
  const reason = explainJsmError(error, deps.config);
  // A create refused outright made nothing: the next attempt may create at
  // once. One that may have landed keeps the record written before it.
  const landed = mayHaveLanded(error);
  const saved = await updateTicketFields(client, ticket.id, {
    ...what.link,
    jsm_sync: "pending",
    jsm_attempts: attempts,
    jsm_retry_at: retryAt,
    jsm_error: reason,
    ...(what.createUnsure && !landed
      ? { jsm_create_sent: false, jsm_create_sent_at: 0 }
      : {}),
  });
  // Agents hear about the first failure in a row, not every retry.
  if (attempts === 1 && saved.card_channel && saved.card_ts) {
    await slackCall(client, "chat.postMessage", {
      channel: saved.card_channel,
      thread_ts: saved.card_ts,
      text: jsmFailedReply(saved, reason, retryAt),
    }).catch((e) => console.warn(`JSM failure note not posted: ${e}`));
  }
  return { state: "pending", ticket: saved, reason, error };
}

export async function announce(
  deps: JsmSyncDeps,
  ticket: Ticket,
  what: { linked: boolean; failuresBefore: number; noTransitionFrom?: string },
) {
  const { client, now } = deps;
  const settings = await getSettings(client);
  const shown: Promise<unknown>[] = [];
  const inThread = (text: string) =>
    ticket.card_channel && ticket.card_ts
      ? shown.push(slackCall(client, "chat.postMessage", {
        channel: ticket.card_channel,
        thread_ts: ticket.card_ts,
        text,
        unfurl_links: false,
      }))
      : 0;
  if (what.linked) {
    shown.push(putLookup(client, lookupByJsmKey(ticket.jsm_key!), ticket.id));
    if (settings) shown.push(redrawTicketCard(client, settings, ticket, now));
    inThread(jsmLinkedReply(ticket, what.failuresBefore));
    const cardLink = settings
      ? cardLinkOf(ticket, settings.workspace_url) ?? settings.workspace_url
      : "";
    shown.push(slackCall(client, "chat.postMessage", {
      channel: ticket.requester,
      text: jsmLinkedDm(ticket, cardLink),
      unfurl_links: false,
    }));
  }
  if (what.noTransitionFrom) {
    inThread(
      jsmNoTransitionReply(
        ticket,
        what.noTransitionFrom,
        JSM_STATUSES[ticket.status],
      ),
    );
  }
  // The link is saved; failing to show it is logged, not a failed sync.
  for (const result of await Promise.allSettled(shown)) {
    if (result.status === "rejected") {
      console.warn(`JSM sync of ${ticket.key} not shown: ${result.reason}`);
    }
  }
}

/**
 * Only an https URL without mrkdwn's link characters goes into a link (plain
 * http only on this machine, for a local JSM stand-in).
 */
function safeUrl(url: string): string {
  return /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])[^\s<>|]+$/
      .test(url)
    ? url
    : "";
}
