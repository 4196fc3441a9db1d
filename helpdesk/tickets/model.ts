// The ticket as the app reasons about it. Datastore items are converted to and
// from this shape in datastores/tickets.ts; everything in tickets/ works on it
// as plain data so it can be tested without Slack.

import type { Answer } from "../request_types/form_fields.ts";
import type { PrivateJsmMirror } from "../request_types/request_type.ts";

/** Where a ticket that needs approval stands (see approval.ts). */
export type ApprovalState = "pending" | "approved" | "denied";

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = typeof PRIORITIES[number];

export const STATUSES = [
  "new",
  "in_progress",
  "waiting_on_requester",
  "resolved",
  "closed",
] as const;
export type Status = typeof STATUSES[number];

/** Where a ticket came from; later surfaces add their own. */
export const SOURCES = ["form", "workflow_step", "reaction"] as const;
export type Source = typeof SOURCES[number];

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

/** `enum` and `choices` for a priority menu in forms and Workflow Builder. */
export const PRIORITY_CHOICES = priorityChoices();

// Built by a call marked free of side effects: esbuild keeps a spread or a
// call it cannot prove pure, and only the definitions that draw the menu
// need this in their bundle.
/* @__NO_SIDE_EFFECTS__ */
function priorityChoices() {
  return {
    enum: [...PRIORITIES],
    choices: PRIORITIES.map((value) => ({
      value,
      title: PRIORITY_LABELS[value],
    })),
  };
}

/**
 * Why a ticket closed, when it is not the usual end (resolved, then closed
 * by someone or by the auto-close): withdrawn by its requester, merged into
 * another ticket as its duplicate (see ticket_merge.ts), or closed by its
 * requester because a suggested solved ticket answered it (self-solved, see
 * requester_actions.ts).
 */
export const CLOSE_REASONS = ["withdrawn", "duplicate", "self_solved"] as const;
export type CloseReason = typeof CLOSE_REASONS[number];

export const STATUS_LABELS: Record<Status, string> = {
  new: "New",
  in_progress: "In progress",
  waiting_on_requester: "Waiting on requester",
  resolved: "Resolved",
  closed: "Closed",
};

export interface Ticket {
  /** Primary key: time-ordered and globally unique (see ticket_ids.ts). */
  id: string;
  /** What people say and type, e.g. HD-7K3QX2. Unique, see ticket_ids.ts. */
  key: string;
  summary: string;
  description: string;
  priority: Priority;
  category: string;
  status: Status;
  /** Slack user IDs. */
  requester: string;
  assignee?: string;
  source: Source;
  /** Channel the request was raised from, when there was one. */
  source_channel?: string;
  /** Where the triage card lives. */
  card_channel?: string;
  card_ts?: string;
  /**
   * The cards it had in other queues' triage channels before it was moved,
   * as "channel:ts", oldest first. The first one carries its lock.
   */
  previous_cards?: string[];
  /** Unix seconds, as Slack's timestamp type. */
  created_at: number;
  updated_at: number;
  first_response_at?: number;
  resolved_at?: number;
  closed_at?: number;
  /** Absent for an ordinary close; see CLOSE_REASONS. */
  close_reason?: CloseReason;
  /**
   * When the ticket waited on the requester: the service-level clocks stop
   * for these periods. The last one has no end while it still waits.
   */
  holds?: Hold[];
  /** Service-level deadlines, absent without a target or while on hold. */
  response_due_at?: number;
  resolution_due_at?: number;
  /** When the SLA sweep must look at this ticket next (see operations/). */
  sla_next_check_at?: number;
  /** When the deadlines were last computed; older than a policy change
   * means the sweep recomputes them. */
  sla_policy_at?: number;
  /** Warnings and breaches already announced, so each is sent once. */
  sla_notices?: SlaNoticeName[];
  /**
   * Notices a burst summary announced whose reply in the ticket's own thread
   * is still to come (one channel takes about one message a second).
   */
  sla_thread_owed?: SlaNoticeName[];
  /** The requester's satisfaction rating, 1 to 5, once given. */
  rating?: number;
  rating_comment?: string;
  rated_at?: number;
  /** The Jira Service Management request this ticket is mirrored to. */
  jsm_key?: string;
  jsm_url?: string;
  /** JSM's status as Helpdesk last set or heard it, e.g. "In progress". */
  jsm_status?: string;
  /** "pending" while JSM lags behind the ticket; see helpdesk/tickets/jsm_sync.ts. */
  jsm_sync?: JsmSync;
  /** Failed sync attempts in a row, for the retry backoff. */
  jsm_attempts?: number;
  /** When the scheduled retry may try again. */
  jsm_retry_at?: number;
  /**
   * A create was sent whose outcome is unknown (it may have landed), so the
   * next attempt searches JSM before creating.
   */
  jsm_create_sent?: boolean;
  /**
   * When that create was sent (written just before sending it). Jira's
   * search lags, so until JSM_SEARCH_SETTLE_SECONDS later a search that
   * finds nothing does not prove there is nothing.
   */
  jsm_create_sent_at?: number;
  /** Why the last attempt failed, in words an admin can act on. */
  jsm_error?: string;
  /**
   * When a status JSM set could not be applied (the ticket was busy): the
   * scheduled retry reads the request's status then and follows it
   * (use_cases/jsm/jsm_status_catch_up.ts). 0 or absent: nothing owed.
   */
  jsm_status_missed_at?: number;
  /** A Jira Cloud issue opened for this ticket by the connector workflow. */
  jira_issue_key?: string;
  jira_issue_url?: string;
  /** The queue it belongs to; absent for tickets older than queues. */
  queue_id?: string;
  /** The request type it was opened as, and that type's name then. */
  request_type_id?: string;
  request_type_name?: string;
  /** The request type's own questions and what the requester answered. */
  answers?: Answer[];
  /** Only the queue's agents and the requester may see its details. */
  private?: boolean;
  /** A private ticket's words in JSM, from its request type. */
  private_jsm?: PrivateJsmMirror;
  /** Set when its request type needs approval; see helpdesk/tickets/approval.ts. */
  approval?: ApprovalState;
  approval_by?: string;
  approval_at?: number;
  approval_reason?: string;
  /** The approvers' DMs as "channel:ts", redrawn once someone decides. */
  approval_messages?: string[];
  /** Opened for someone else: who did it (the person who reacted). */
  reporter?: string;
  /** The message it was made from (source_channel holds its channel). */
  source_message_ts?: string;
  /**
   * What Slack gives again when the creation is retried (the form's view,
   * the workflow step's execution, the message): the ticket's id is derived
   * from it, so a retry finds this ticket instead of making another.
   */
  creation_key?: string;
  /**
   * Saved, but its card (or the approvers' DMs) and the requester's DM are
   * not out yet: a retry, or the scheduled check, finishes it.
   */
  setup_pending?: boolean;
  /** The card's last redraw failed; the next change or check redraws it. */
  card_redraw_due?: boolean;
  /** Who made the last change (absent when Helpdesk made it itself). */
  updated_by?: string;
  /**
   * Messages about this ticket that Slack refused for a passing reason (a
   * thread reply, a DM), as JSON, for the scheduled check to send again.
   */
  outbox?: string[];
  outbox_due?: boolean;
  /**
   * Closed by its requester with other people's tickets merged into it:
   * those (released_keys) are still to open again on their own, which the
   * next change or the scheduled check finishes (merged_release.ts).
   */
  release_due?: boolean;
  released_keys?: string[];
  /**
   * How many scheduled checks found some of released_keys still failing:
   * past RELEASE_TRIES they are given up and people told (release_repair.ts).
   */
  release_tries?: number;
  /**
   * The requester's side of the conversation, "channel:ts": the thread of
   * the message a :ticket: reaction turned into this ticket, or of the DM
   * in which an agent first replied.
   */
  requester_thread?: string;
  /**
   * Replies, notes and the requester's messages not yet sent to its JSM
   * request, as JSON {body, public}; the JSM sync sends them in order.
   */
  jsm_comments?: string[];
  /** Slack file ids copied to the card's thread, or told about, once each. */
  copied_files?: string[];
  /** Copies owed to the JSM request, as JSON (see ticket_files.ts). */
  jsm_files?: string[];
  /**
   * Closed as a duplicate of this ticket (its id and key): its requester
   * follows that one now. See helpdesk/tickets/ticket_merge.ts.
   */
  merged_into?: string;
  merged_into_key?: string;
  /** The kept ticket's card, as it was when merged, for the link. */
  merged_into_url?: string;
  /** The keys of the tickets merged into this one, oldest first. */
  /**
   * Its JSM request is linked (Duplicate) to the kept ticket's, or could
   * not be and the card's thread said so: nothing more is owed.
   */
  jsm_duplicate_linked?: boolean;
  /**
   * The kept ticket's JSM request its own is linked to: after an Unmerge,
   * the link is removed by the sync, then this is cleared.
   */
  jsm_duplicate_of?: string;
  merged_from?: string[];
  /**
   * The requesters of the tickets merged into this one: they hear of its
   * status and resolution, and their replies reach its thread.
   */
  followers?: string[];
  /**
   * Everyone else whose words Helpdesk passed on for it (replies, notes,
   * messages from the requester's side), so that erasing a person finds
   * the tickets they wrote in (see retention.ts).
   */
  writers?: string[];
  /** Keys of tickets an agent linked as related (a soft link, both ways). */
  related?: string[];
  /**
   * The saved replies agents sent on it, "<reply id>@<unix time>", newest
   * last (see helpdesk/queues/saved_replies.ts); the report counts them.
   */
  saved_reply_uses?: string[];
  /** The last reply an agent sent the requester: a solved ticket's answer. */
  last_reply?: string;
  /**
   * The UTC days ("2026-11-26") whose report figures include this ticket.
   * Only ever grows, so a row filed under a day the ticket no longer counts
   * in (a resolution undone by reopening) is found and refiled; kept by
   * slack/storage/ticket_store.ts, see helpdesk/reports/report_rows.ts.
   */
  report_days?: string[];
  /**
   * Who changed what and when, as compact JSON, oldest first: the newest
   * HISTORY_KEPT entries (see ticket_history.ts); history_dropped counts the
   * older ones no longer kept.
   */
  history?: string[];
  history_dropped?: number;
}

export type JsmSync = "pending" | "synced";

export interface Hold {
  start: number;
  end?: number;
}

export const SLA_NOTICES = [
  "first_response_warning",
  "first_response_breach",
  "resolution_warning",
  "resolution_breach",
] as const;
export type SlaNoticeName = typeof SLA_NOTICES[number];

/** Statuses in which a ticket is still someone's work. */
export const OPEN_STATUSES: readonly Status[] = [
  "new",
  "in_progress",
  "waiting_on_requester",
];

export function isPriority(value: unknown): value is Priority {
  return (PRIORITIES as readonly unknown[]).includes(value);
}

export function isCloseReason(value: unknown): value is CloseReason {
  return (CLOSE_REASONS as readonly unknown[]).includes(value);
}

export function isStatus(value: unknown): value is Status {
  return (STATUSES as readonly unknown[]).includes(value);
}
