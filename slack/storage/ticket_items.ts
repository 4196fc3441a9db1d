// A ticket as a datastore item and back. Items hold the Ticket shape minus
// its absent optional fields, with holds and answers encoded as strings;
// reading is defensive, so a damaged item is reported, not half-used. The
// why of a field is said above the function that reads it, not inside the
// object it builds: esbuild keeps a comment inside an expression in every
// bundle that reads a ticket.
import { TicketsDatastore } from "./datastore_refs.ts";
import { isPrivateJsmMirror } from "../../helpdesk/request_types/request_type.ts";
import {
  type Hold,
  isCloseReason,
  isPriority,
  isStatus,
  SLA_NOTICES,
  type SlaNoticeName,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import type { StoredItem } from "./datastore.ts";
import type { Answer } from "../../helpdesk/request_types/form_fields.ts";
import { noticeNames } from "../../helpdesk/tickets/open_work.ts";
import {
  countedDays,
  reportDaysOf,
} from "../../helpdesk/reports/report_rows.ts";

export type TicketItem = StoredItem<typeof TicketsDatastore>;

// Every ticket field has an attribute to be stored in; this fails to compile
// when a field is added to Ticket but not to the datastore.
const _everyFieldStored: Exclude<keyof Ticket, keyof TicketItem> extends never
  ? true
  : never = true;

/** The item to store, its report days brought up to date. */
export function toItem(ticket: Ticket): TicketItem {
  const { holds, answers, ...rest } = ticket;
  const kept: Omit<Ticket, "holds" | "answers"> = rest;
  const item = Object.fromEntries(
    Object.entries(kept).filter(([, v]) =>
      v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)
    ),
  ) as TicketItem;
  if (holds?.length) item.holds = holds.map(encodeHold);
  if (answers?.length) item.answers = JSON.stringify(answers);
  item.report_days = reportDaysOf(ticket);
  return item;
}

const encodeHold = (hold: Hold) => `${hold.start}-${hold.end ?? ""}`;

export function decodeHold(text: unknown): Hold {
  const match = /^(\d+)-(\d*)$/.exec(String(text));
  if (!match) throw new Error(`unreadable hold "${text}"`);
  return match[2]
    ? { start: Number(match[1]), end: Number(match[2]) }
    : { start: Number(match[1]) };
}

export function decodeAnswers(json: unknown): Answer[] | undefined {
  if (typeof json !== "string" || !json) return undefined;
  const parsed = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error("unreadable answers");
  const answers = parsed.filter((a): a is Answer =>
    typeof a?.label === "string" && typeof a?.value === "string"
  );
  return answers.length ? answers : undefined;
}

/** Reads an item defensively: a damaged item is reported, not half-used. */
export function toTicket(item: TicketItem): Ticket {
  const { priority, status } = item;
  if (!isPriority(priority) || !isStatus(status)) {
    throw new Error(`ticket ${item.id} has an unknown priority or status`);
  }
  const read = fieldReader(item);
  // In the order the fields are declared, group by group.
  const ticket: Ticket = {
    ...whatAndWho(item, read, priority, status),
    ...lifecycle(item, read),
    ...serviceLevels(item, read),
    ...rating(read),
    ...jsmLink(item, read),
    ...requestKind(item, read),
    ...approval(item, read),
    ...originAndWork(item, read),
  };
  if (!ticket.sla_thread_owed?.length) delete ticket.sla_thread_owed;
  // Absent stays absent, so a ticket read back equals the one written.
  for (const [name, value] of Object.entries(ticket)) {
    if (value === undefined) delete ticket[name as keyof Ticket];
  }
  return ticket;
}

type FieldReader = ReturnType<typeof fieldReader>;

/**
 * How each kind of attribute reads; a wrong type reads as absent. A partial
 * update can only set values, so it clears a time with 0 (`timeOrNone`), a
 * text with "" (`text`) and a flag with false (`flag`); an empty list reads
 * as none (`strings`).
 */
export function fieldReader(item: TicketItem) {
  return {
    optional: (name: keyof TicketItem) =>
      item[name] === undefined || item[name] === null ? undefined : item[name],
    timeOrNone: (name: keyof TicketItem): number | undefined => {
      const value = item[name];
      return typeof value === "number" && value > 0 ? value : undefined;
    },
    text: (name: keyof TicketItem): string | undefined => {
      const value = item[name];
      return typeof value === "string" && value ? value : undefined;
    },
    strings: (name: keyof TicketItem): string[] | undefined => {
      const value = item[name];
      return Array.isArray(value) && value.length
        ? value.map(String)
        : undefined;
    },
    flag: (name: keyof TicketItem): true | undefined =>
      item[name] === true ? true : undefined,
  };
}

/** The assignee "" is how an erasure clears it (it can only set). */
function whatAndWho(
  item: TicketItem,
  read: FieldReader,
  priority: Ticket["priority"],
  status: Ticket["status"],
) {
  return {
    id: String(item.id),
    key: String(item.key),
    summary: String(item.summary ?? ""),
    description: String(item.description ?? ""),
    priority,
    category: String(item.category ?? ""),
    status,
    requester: String(item.requester),
    assignee: read.text("assignee"),
    source: String(item.source) as Ticket["source"],
    source_channel: read.optional("source_channel") as string | undefined,
    card_channel: read.optional("card_channel") as string | undefined,
    card_ts: read.optional("card_ts") as string | undefined,
    previous_cards: read.strings("previous_cards"),
    created_at: Number(item.created_at),
    updated_at: Number(item.updated_at),
  };
}

/** A close reason this version doesn't know reads as an ordinary close. */
function lifecycle(item: TicketItem, read: FieldReader): Partial<Ticket> {
  return {
    first_response_at: read.optional("first_response_at") as
      | number
      | undefined,
    resolved_at: read.optional("resolved_at") as number | undefined,
    closed_at: read.optional("closed_at") as number | undefined,
    close_reason: isCloseReason(item.close_reason)
      ? item.close_reason
      : undefined,
    holds: Array.isArray(item.holds) && item.holds.length
      ? item.holds.map(decodeHold)
      : undefined,
  };
}

/** Notice names this version doesn't know are dropped rather than trusted. */
function serviceLevels(item: TicketItem, read: FieldReader): Partial<Ticket> {
  return {
    response_due_at: read.timeOrNone("response_due_at"),
    resolution_due_at: read.timeOrNone("resolution_due_at"),
    sla_next_check_at: read.timeOrNone("sla_next_check_at"),
    sla_policy_at: read.timeOrNone("sla_policy_at"),
    sla_notices: Array.isArray(item.sla_notices) && item.sla_notices.length
      ? item.sla_notices.filter((n): n is SlaNoticeName =>
        (SLA_NOTICES as readonly unknown[]).includes(n)
      )
      : undefined,
    sla_thread_owed: noticeNames(item.sla_thread_owed),
  };
}

function rating(read: FieldReader): Partial<Ticket> {
  return {
    rating: read.optional("rating") as number | undefined,
    rating_comment: read.optional("rating_comment") as string | undefined,
    rated_at: read.optional("rated_at") as number | undefined,
  };
}

/**
 * 0 is how a partial update clears jsm_attempts, jsm_create_sent_at and
 * jsm_status_missed_at (it can only set values).
 */
function jsmLink(item: TicketItem, read: FieldReader): Partial<Ticket> {
  return {
    jsm_key: read.text("jsm_key"),
    jsm_url: read.text("jsm_url"),
    jsm_status: read.text("jsm_status"),
    jsm_sync: item.jsm_sync === "pending" || item.jsm_sync === "synced"
      ? item.jsm_sync
      : undefined,
    jsm_attempts: Number(item.jsm_attempts) || undefined,
    jsm_retry_at: read.optional("jsm_retry_at") as number | undefined,
    jsm_create_sent: read.flag("jsm_create_sent"),
    jsm_create_sent_at: Number(item.jsm_create_sent_at) || undefined,
    jsm_error: read.text("jsm_error"),
    jsm_status_missed_at: Number(item.jsm_status_missed_at) || undefined,
    jira_issue_key: read.text("jira_issue_key"),
    jira_issue_url: read.text("jira_issue_url"),
  };
}

function requestKind(item: TicketItem, read: FieldReader): Partial<Ticket> {
  return {
    queue_id: read.text("queue_id"),
    request_type_id: read.text("request_type_id"),
    request_type_name: read.text("request_type_name"),
    answers: decodeAnswers(item.answers),
    private: read.flag("private"),
    private_jsm: isPrivateJsmMirror(item.private_jsm)
      ? item.private_jsm
      : undefined,
  };
}

function approval(item: TicketItem, read: FieldReader): Partial<Ticket> {
  return {
    approval: item.approval === "pending" || item.approval === "approved" ||
        item.approval === "denied"
      ? item.approval
      : undefined,
    approval_by: read.text("approval_by"),
    approval_at: read.optional("approval_at") as number | undefined,
    approval_reason: read.text("approval_reason"),
    approval_messages: read.strings("approval_messages"),
  };
}

/**
 * A ticket stored before report days existed was filed (by the walk) under
 * the days it counts in as stored.
 */
function originAndWork(item: TicketItem, read: FieldReader): Partial<Ticket> {
  return {
    reporter: read.text("reporter"),
    source_message_ts: read.text("source_message_ts"),
    creation_key: read.text("creation_key"),
    setup_pending: read.flag("setup_pending"),
    card_redraw_due: read.flag("card_redraw_due"),
    updated_by: read.text("updated_by"),
    outbox: read.strings("outbox"),
    outbox_due: read.flag("outbox_due"),
    release_due: read.flag("release_due"),
    released_keys: read.strings("released_keys"),
    release_tries: read.optional("release_tries") as number | undefined,
    requester_thread: read.text("requester_thread"),
    jsm_comments: read.strings("jsm_comments"),
    merged_into: read.text("merged_into"),
    merged_into_key: read.text("merged_into_key"),
    merged_into_url: read.text("merged_into_url"),
    jsm_duplicate_linked: read.flag("jsm_duplicate_linked"),
    jsm_duplicate_of: read.text("jsm_duplicate_of"),
    merged_from: read.strings("merged_from"),
    followers: read.strings("followers"),
    writers: read.strings("writers"),
    related: read.strings("related"),
    copied_files: read.strings("copied_files"),
    jsm_files: read.strings("jsm_files"),
    saved_reply_uses: read.strings("saved_reply_uses"),
    last_reply: read.text("last_reply"),
    history: read.strings("history"),
    history_dropped: Number(item.history_dropped) || undefined,
    report_days: read.strings("report_days") ??
      countedDays(item as Partial<Ticket>),
  };
}
