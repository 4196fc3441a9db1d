// Brings one ticket's Jira Service Management request up to date: creates it
// if the ticket has none, then moves it to the ticket's status. Called right
// after a change (the sync step) and by the scheduled retry.
//
// Never twice: a create goes straight to JSM only when no earlier attempt
// could have made one. When a create's outcome is unknown (a timeout, a 5xx,
// or a run that died), the ticket says so (jsm_create_sent) and every later
// attempt first searches JSM for the "[HD-…]" summary prefix it wrote.
//
// Never lost: a ticket that owes JSM something stays jsm_sync "pending" with
// a jsm_retry_at, which is what the scheduled retry looks for.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  JSM_TARGETS,
  jsmAgrees,
  jsmRetryDelaySeconds,
  needsJsmSync,
} from "../../helpdesk/tickets/jsm_sync.ts";
import type {
  JsmClient,
  JsmRequest,
} from "../../integrations/jsm/jsm_client.ts";
import type { JsmConfig } from "../../integrations/jsm/jsm_config.ts";
import {
  explainJsmError,
  JsmError,
} from "../../integrations/jsm/jsm_errors.ts";
import {
  getTicket,
  lookupByJsmKey,
  putLookup,
  updateTicketFields,
} from "../storage/ticket_store.ts";
import { getSettings } from "../storage/settings_store.ts";
import { slackCall } from "../api/slack_call.ts";
import { redrawTicketCard } from "./triage_card.ts";
import { cardLinkOf } from "../blocks/ticket_messages.ts";
import {
  jsmFailedReply,
  jsmLinkedDm,
  jsmLinkedReply,
  jsmNoTransitionReply,
} from "../blocks/jsm_messages.ts";
import { jsmRequestFor } from "../../integrations/jsm/jsm_request.ts";

export interface JsmSyncDeps {
  client: SlackAPIClient;
  jsm: JsmClient;
  config: JsmConfig;
  /** Unix seconds. */
  now: number;
  /**
   * Search JSM before any create. The scheduled retry always does: it only
   * sees tickets an earlier attempt did not finish.
   */
  searchFirst?: boolean;
}

export type JsmSyncOutcome =
  | { state: "missing" }
  | { state: "up_to_date"; ticket: Ticket }
  | { state: "synced"; ticket: Ticket; created: boolean; linked: boolean }
  | { state: "pending"; ticket: Ticket; reason: string; error: unknown };

export async function syncTicketToJsm(
  deps: JsmSyncDeps,
  ticketId: string,
): Promise<JsmSyncOutcome> {
  const { client } = deps;
  const ticket = await getTicket(client, ticketId);
  if (!ticket) return { state: "missing" };
  if (!needsJsmSync(ticket)) {
    if (ticket.jsm_sync === "pending") {
      const saved = await updateTicketFields(client, ticket.id, {
        jsm_sync: "synced",
      });
      return { state: "up_to_date", ticket: saved };
    }
    return { state: "up_to_date", ticket };
  }
  const linking = !ticket.jsm_key;
  let created = false;
  let request: Pick<JsmRequest, "issueKey" | "webUrl" | "status"> | undefined;
  try {
    if (linking) {
      const input = jsmRequestFor(ticket);
      if (deps.searchFirst || ticket.jsm_create_sent) {
        const result = await deps.jsm.createRequestOnce(input);
        created = result.created;
        request = result;
      } else {
        request = await deps.jsm.createRequest(input);
        created = true;
      }
    }
    const key = request?.issueKey ?? ticket.jsm_key!;
    const jsmStatus = await moveToTicketStatus(
      deps,
      ticket,
      key,
      request?.status ?? ticket.jsm_status,
    );
    const saved = await updateTicketFields(client, ticket.id, {
      ...(request
        ? { jsm_key: request.issueKey, jsm_url: safeUrl(request.webUrl) }
        : {}),
      jsm_status: jsmStatus.status,
      jsm_sync: "synced",
      jsm_attempts: 0,
      jsm_create_sent: false,
      jsm_error: jsmStatus.problem ?? "",
    });
    await announce(deps, saved, {
      linked: linking,
      failuresBefore: ticket.jsm_attempts ?? 0,
      noTransitionFrom: jsmStatus.problem ? jsmStatus.status : undefined,
    });
    return { state: "synced", ticket: saved, created, linked: linking };
  } catch (error) {
    return await recordFailure(deps, ticket, linking, error);
  }
}

/**
 * Moves the request to the JSM status matching the ticket's, when it isn't
 * there already. A closed ticket whose request has no direct way to Closed
 * goes through Resolved, as JSM's default workflow requires.
 */
async function moveToTicketStatus(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
  current: string | undefined,
): Promise<{ status: string; problem?: string }> {
  if (current && jsmAgrees(ticket, current)) return { status: current };
  const target = JSM_TARGETS[ticket.status];
  let outcome = await deps.jsm.transitionTo(
    key,
    target.status,
    target.transitions,
  );
  if (outcome === "no_transition" && ticket.status === "closed") {
    const resolved = JSM_TARGETS.resolved;
    await deps.jsm.transitionTo(key, resolved.status, resolved.transitions);
    outcome = await deps.jsm.transitionTo(
      key,
      target.status,
      target.transitions,
    );
  }
  if (outcome !== "no_transition") return { status: target.status };
  const now = await deps.jsm.getRequest(key);
  return {
    status: now.status,
    problem:
      `JSM offers no transition from "${now.status}" to "${target.status}".`,
  };
}

/** A create whose answer never came may still have made the request. */
function createMayHaveLanded(error: unknown): boolean {
  if (!(error instanceof JsmError)) return true;
  const code = error.code === "gave_up" ? error.lastCode : error.code;
  return code === "timeout" || code === "network" || code === "unavailable";
}

async function recordFailure(
  deps: JsmSyncDeps,
  ticket: Ticket,
  linking: boolean,
  error: unknown,
): Promise<JsmSyncOutcome> {
  const { client, now } = deps;
  const attempts = (ticket.jsm_attempts ?? 0) + 1;
  const retryAt = now + jsmRetryDelaySeconds(attempts);
  const reason = explainJsmError(error, deps.config);
  const saved = await updateTicketFields(client, ticket.id, {
    jsm_sync: "pending",
    jsm_attempts: attempts,
    jsm_retry_at: retryAt,
    jsm_error: reason,
    jsm_create_sent: ticket.jsm_create_sent === true ||
      (linking && createMayHaveLanded(error)),
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

async function announce(
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
        JSM_TARGETS[ticket.status].status,
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
