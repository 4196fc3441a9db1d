// Brings one ticket's Jira Service Management request up to date: creates it
// if the ticket has none, then moves it to the ticket's status. Called right
// after a change (the sync step) and by the scheduled retry.
//
// Never twice: just before a create is sent, the ticket records it
// (jsm_create_sent, jsm_create_sent_at). A create that fails in a way that
// may have landed (a timeout, a 5xx, a run that died) keeps that record, and
// every later attempt searches JSM for the "[HD-…]" summary prefix first.
// Jira's search lags a create by seconds to minutes, so finding nothing
// within JSM_SEARCH_SETTLE_SECONDS of the create proves nothing: the ticket
// then waits and the search is repeated, and only a search after that time
// that still finds nothing leads to a new create.
//
// Never lost: a ticket that owes JSM something stays jsm_sync "pending" with
// a jsm_retry_at, which is what the scheduled retry looks for. What an
// attempt records and tells (a failure, a wait, a new link) is in
// jsm_sync_outcome.ts.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  afterEmptySearch,
  JSM_STATUSES,
  JSM_TRANSITIONS,
  jsmAgrees,
  jsmCreateSentAt,
  jsmPendingFields,
  needsJsmSync,
} from "../../helpdesk/tickets/jsm_sync.ts";
import {
  createRequest,
  getRequest,
  type JsmRequest,
} from "../../integrations/jsm/customer_requests.ts";
import { findRequestByHelpdeskKey } from "../../integrations/jsm/request_search.ts";
import { transitionTo } from "../../integrations/jsm/transitions.ts";
import {
  getTicket,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { jsmRequestFor } from "../../integrations/jsm/jsm_request.ts";
import { sendComments } from "./jsm_comment_sync.ts";
import { sendFiles } from "./jsm_file_sync.ts";
import { settleDuplicateLink } from "./jsm_duplicate_link.ts";
import type { JsmSyncDeps } from "./jsm_sync_deps.ts";
import {
  announce,
  type JsmSyncOutcome,
  linkFields,
  recordFailure,
  waitForSearch,
  waitForTicket,
} from "./jsm_sync_outcome.ts";

export type { JsmSyncDeps } from "./jsm_sync_deps.ts";

export async function syncTicketToJsm(
  deps: JsmSyncDeps,
  ticketId: string,
): Promise<JsmSyncOutcome> {
  const { client } = deps;
  let ticket = await getTicket(client, ticketId);
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
  if (linking && deps.createIfMissing === false) {
    return {
      state: "pending",
      ticket,
      reason:
        "The ticket has no JSM request yet; the step that opened it, or the scheduled retry, creates it.",
      error: undefined,
    };
  }
  let created = false;
  let sentNow = false;
  let request: JsmRequest | undefined;
  try {
    const missed = !linking && ticket.jsm_status_missed_at;
    if (missed && deps.followMissedStatus) {
      // JSM's status first (jsm_status_catch_up.ts): moving the request to
      // the ticket's older status would undo what JSM's webhook said.
      const now = await getRequest(deps.jsm, ticket.jsm_key!);
      const caught = await deps.followMissedStatus(ticket, now.status);
      if (!caught.ok) return await waitForTicket(deps, ticket, caught.reason);
      ticket = caught.ticket;
    }
    if (linking) {
      const sentAt = jsmCreateSentAt(ticket);
      if (sentAt !== undefined || deps.searchFirst) {
        request = await findRequestByHelpdeskKey(deps.jsm, ticket.key);
        const next = request ? undefined : afterEmptySearch(sentAt, deps.now);
        if (next && !next.create) {
          return await waitForSearch(deps, ticket, sentAt!, next.lookAgainAt);
        }
      }
      if (!request) {
        // Recorded before sending, so a run that dies mid-create leaves it.
        await updateTicketFields(client, ticket.id, {
          jsm_create_sent: true,
          jsm_create_sent_at: deps.now,
        });
        sentNow = true;
        request = await createRequest(deps.jsm, jsmRequestFor(ticket));
        created = true;
      }
    }
    // Still owed (the sync step does not follow it): JSM's is left alone.
    const jsmStatus = ticket.jsm_status_missed_at
      ? { status: ticket.jsm_status ?? "" }
      : await moveToTicketStatus(
        deps,
        ticket,
        request?.issueKey ?? ticket.jsm_key!,
        request?.status ?? ticket.jsm_status,
      );
    const key = request?.issueKey ?? ticket.jsm_key!;
    const commented = await sendComments(deps, ticket, key);
    const attached = await sendFiles(deps, ticket, key);
    const duplicate = await settleDuplicateLink(deps, ticket, key);
    // Someone may have changed the ticket while JSM was being moved; if
    // so, "synced" would hide that JSM owes the newer change.
    const latest = await getTicket(client, ticket.id) ?? ticket;
    const behind = (latest.status !== ticket.status &&
      !jsmAgrees(latest, jsmStatus.status)) ||
      !!latest.jsm_status_missed_at ||
      duplicate.owed ||
      (latest.jsm_comments?.length ?? 0) > commented.sent ||
      (deps.slackToken !== undefined &&
        (latest.jsm_files?.length ?? 0) > attached.sent);
    const saved = await updateTicketFields(client, ticket.id, {
      ...linkFields(request),
      jsm_status: jsmStatus.status,
      ...(behind ? jsmPendingFields(deps.now) : { jsm_sync: "synced" }),
      jsm_attempts: 0,
      jsm_error: jsmStatus.problem ?? "",
    });
    await announce(deps, saved, {
      linked: linking,
      failuresBefore: ticket.jsm_attempts ?? 0,
      noTransitionFrom: jsmStatus.problem ? jsmStatus.status : undefined,
    });
    return { state: "synced", ticket: saved, created, linked: linking };
  } catch (error) {
    // A request found or made is saved even though moving it failed.
    const outcome = await recordFailure(deps, ticket, {
      createUnsure: !request && sentNow,
      link: linkFields(request),
    }, error);
    if (request && outcome.state === "pending") {
      await announce(deps, outcome.ticket, {
        linked: true,
        failuresBefore: ticket.jsm_attempts ?? 0,
      });
    }
    return outcome;
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
  const target = JSM_STATUSES[ticket.status];
  const transitions = JSM_TRANSITIONS[ticket.status];
  let outcome = await transitionTo(deps.jsm, key, target, transitions);
  if (outcome === "no_transition" && ticket.status === "closed") {
    await transitionTo(
      deps.jsm,
      key,
      JSM_STATUSES.resolved,
      JSM_TRANSITIONS.resolved,
    );
    outcome = await transitionTo(deps.jsm, key, target, transitions);
  }
  if (outcome !== "no_transition") return { status: target };
  const now = await getRequest(deps.jsm, key);
  return {
    status: now.status,
    problem: `JSM offers no transition from "${now.status}" to "${target}".`,
  };
}
