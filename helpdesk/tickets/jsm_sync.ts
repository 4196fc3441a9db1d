// How a ticket's status maps to a Jira Service Management status and back,
// and when a ticket still owes JSM a change. Pure, so the sync function, the
// retry sweep and the inbound webhook agree without talking to anything.
//
// JSM's default service-desk workflow has Waiting for support, In progress,
// Waiting for customer, Resolved and Closed (plus Pending, Canceled and
// others in some templates). Its customer transitions are named for the step,
// not the status ("Resolve this issue" → Resolved), hence the extra names.
import type { JsmSync, Status, Ticket } from "./model.ts";

/** The JSM status each Slack status corresponds to. */
export const JSM_STATUSES: Record<Status, string> = {
  new: "Waiting for support",
  in_progress: "In progress",
  waiting_on_requester: "Waiting for customer",
  resolved: "Resolved",
  closed: "Closed",
};

/**
 * Transition names that lead to each status, besides the status name
 * itself. Apart from JSM_STATUSES: only the sync moves a request, while
 * every change reads the statuses (jsmAgrees).
 */
export const JSM_TRANSITIONS: Record<Status, string[]> = {
  new: ["Respond to support", "Reopen", "Back to waiting for support"],
  in_progress: ["Start progress", "Start work", "Respond to support"],
  waiting_on_requester: ["Respond to customer", "Wait for customer"],
  resolved: ["Resolve this issue", "Resolve", "Mark as done"],
  closed: ["Close", "Close issue"],
};

const normalize = (name: string) =>
  name.trim().toLowerCase().replace(/\s+/g, " ");

const FROM_JSM: Record<string, Status | "open"> = {
  "waiting for support": "open",
  "open": "open",
  "reopened": "open",
  "to do": "open",
  "in progress": "in_progress",
  "work in progress": "in_progress",
  "escalated": "in_progress",
  "waiting for customer": "waiting_on_requester",
  "pending": "waiting_on_requester",
  "resolved": "resolved",
  "done": "resolved",
  "canceled": "resolved",
  "cancelled": "resolved",
  "declined": "resolved",
  "closed": "closed",
};

/**
 * The Slack status a JSM status means for this ticket, or undefined for a
 * status Helpdesk doesn't know (custom workflows). "Waiting for support" is
 * new until someone has the ticket, then it is back in progress.
 */
export function statusFromJsm(
  jsmStatus: string,
  ticket: Pick<Ticket, "assignee">,
): Status | undefined {
  const status = FROM_JSM[normalize(jsmStatus)];
  if (status === "open") return ticket.assignee ? "in_progress" : "new";
  return status;
}

/**
 * True when JSM's status already says what the ticket's status says: the
 * status Helpdesk would set, or another with the same meaning ("Pending" for
 * waiting). An open JSM status only agrees with a new ticket, so a claim in
 * Slack still moves the request to In progress.
 */
export function jsmAgrees(
  ticket: Pick<Ticket, "status">,
  jsmStatus: string | undefined,
): boolean {
  if (!jsmStatus) return false;
  const name = normalize(jsmStatus);
  if (name === normalize(JSM_STATUSES[ticket.status])) return true;
  const meaning = FROM_JSM[name];
  return meaning !== undefined && meaning !== "open" &&
    meaning === ticket.status;
}

/**
 * Whether JSM owes anything, or is owed: a request to create, a status to
 * match, comments from the ticket's conversation to send, or a status JSM
 * set that the ticket has yet to follow.
 */
export function needsJsmSync(ticket: Ticket): boolean {
  if (!ticket.jsm_key) return true;
  if (ticket.jsm_status_missed_at) return true;
  if (ticket.jsm_comments?.length) return true;
  // Files queued for the request (use_cases/jsm/jsm_file_sync.ts).
  if (ticket.jsm_files?.length) return true;
  // Merged into another: its request is to be linked as a duplicate
  // (use_cases/jsm/jsm_duplicate_link.ts).
  if (owesDuplicateLink(ticket) || owesDuplicateUnlink(ticket)) return true;
  return !jsmAgrees(ticket, ticket.jsm_status);
}

export function owesDuplicateLink(
  ticket: Pick<Ticket, "merged_into" | "jsm_duplicate_linked">,
): boolean {
  return !!ticket.merged_into && !ticket.jsm_duplicate_linked;
}

/** Unmerged after its request was linked: the link is to be removed. */
export function owesDuplicateUnlink(
  ticket: Pick<Ticket, "merged_into" | "jsm_duplicate_of">,
): boolean {
  return !ticket.merged_into && !!ticket.jsm_duplicate_of;
}

/** The first retry waits 5 minutes, then doubling up to 4 hours. */
export function jsmRetryDelaySeconds(attempts: number): number {
  return Math.min(5 * 60 * 2 ** Math.max(0, attempts - 1), 4 * 3600);
}

/**
 * How long after a create Helpdesk trusts Jira's search to show it. Jira's
 * index lags writes, "from a few seconds to minutes" (Atlassian, search and
 * reconcile); until then a search that finds nothing is no proof that an
 * earlier create did not land, and creating again could make a second
 * request. Longer waits delay a ticket whose create really failed; shorter
 * ones risk the duplicate.
 */
export const JSM_SEARCH_SETTLE_SECONDS = 15 * 60;

/**
 * When a create that may have reached JSM was sent, or undefined when none
 * was. Tickets from before jsm_create_sent_at existed only say that one was
 * sent; the failure was recorded at jsm_retry_at minus its delay, which is
 * after the send, so that moment is a safe stand-in.
 */
export function jsmCreateSentAt(
  ticket: Pick<
    Ticket,
    | "jsm_create_sent"
    | "jsm_create_sent_at"
    | "jsm_retry_at"
    | "jsm_attempts"
  >,
): number | undefined {
  if (ticket.jsm_create_sent_at) return ticket.jsm_create_sent_at;
  if (!ticket.jsm_create_sent) return undefined;
  return (ticket.jsm_retry_at ?? 0) -
    jsmRetryDelaySeconds(ticket.jsm_attempts ?? 1);
}

/**
 * What a search that found no request for the ticket means at `now`: create
 * it, or look again at `lookAgainAt`, once the search must show a request
 * an earlier create made.
 */
export function afterEmptySearch(
  sentAt: number | undefined,
  now: number,
): { create: true } | { create: false; lookAgainAt: number } {
  if (sentAt === undefined) return { create: true };
  const settled = sentAt + JSM_SEARCH_SETTLE_SECONDS;
  return now >= settled
    ? { create: true }
    : { create: false, lookAgainAt: settled };
}

/**
 * How long an immediate sync has before the scheduled retry may take the
 * ticket: longer than any function runs (60 s), so the two never race.
 */
export const JSM_IMMEDIATE_GRACE_SECONDS = 120;

/** Fields that put a ticket in the retry queue without counting a failure. */
export function jsmPendingFields(now: number): {
  jsm_sync: JsmSync;
  jsm_retry_at: number;
} {
  return {
    jsm_sync: "pending",
    jsm_retry_at: now + JSM_IMMEDIATE_GRACE_SECONDS,
  };
}

/**
 * Kept on a ticket that could not take the status JSM set (it was busy):
 * the scheduled retry reads the request's status and follows it.
 */
export function jsmStatusMissedFields(
  latest: Pick<Ticket, "jsm_status_missed_at">,
  now: number,
): Pick<Ticket, "jsm_status_missed_at" | "jsm_sync" | "jsm_retry_at"> {
  return {
    jsm_status_missed_at: latest.jsm_status_missed_at || now,
    ...jsmPendingFields(now),
  };
}

/** After a change in Slack: a linked or queued ticket owes JSM the change. */
export function markJsmPendingIfLinked(ticket: Ticket, now: number): Ticket {
  if (!ticket.jsm_key && ticket.jsm_sync !== "pending") return ticket;
  if (ticket.jsm_key && jsmAgrees(ticket, ticket.jsm_status)) return ticket;
  return { ...ticket, ...jsmPendingFields(now) };
}

/** "[IT-12](url)" for mrkdwn, or the bare key without a link. */
export function jsmLink(ticket: Pick<Ticket, "jsm_key" | "jsm_url">): string {
  if (!ticket.jsm_key) return "";
  return ticket.jsm_url
    ? `<${ticket.jsm_url}|${ticket.jsm_key}>`
    : ticket.jsm_key;
}
