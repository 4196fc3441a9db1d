// A ticket as a datastore item and back. Items hold the Ticket shape minus
// its absent optional fields, with holds and answers encoded as strings;
// reading is defensive, so a damaged item is reported, not half-used.
import TicketsDatastore from "../../datastores/tickets.ts";
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

function decodeHold(text: unknown): Hold {
  const match = /^(\d+)-(\d*)$/.exec(String(text));
  if (!match) throw new Error(`unreadable hold "${text}"`);
  return match[2]
    ? { start: Number(match[1]), end: Number(match[2]) }
    : { start: Number(match[1]) };
}

function decodeAnswers(json: unknown): Answer[] | undefined {
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
  const optional = (name: keyof TicketItem) =>
    item[name] === undefined || item[name] === null ? undefined : item[name];
  const timeOrNone = (name: keyof TicketItem): number | undefined => {
    const value = item[name];
    return typeof value === "number" && value > 0 ? value : undefined;
  };
  // "" is how a partial update clears a text field.
  const text = (name: keyof TicketItem): string | undefined => {
    const value = item[name];
    return typeof value === "string" && value ? value : undefined;
  };
  const ticket: Ticket = {
    id: String(item.id),
    key: String(item.key),
    summary: String(item.summary ?? ""),
    description: String(item.description ?? ""),
    priority,
    category: String(item.category ?? ""),
    status,
    requester: String(item.requester),
    assignee: optional("assignee") as string | undefined,
    source: String(item.source) as Ticket["source"],
    source_channel: optional("source_channel") as string | undefined,
    card_channel: optional("card_channel") as string | undefined,
    card_ts: optional("card_ts") as string | undefined,
    previous_cards: Array.isArray(item.previous_cards) &&
        item.previous_cards.length
      ? item.previous_cards.map(String)
      : undefined,
    created_at: Number(item.created_at),
    updated_at: Number(item.updated_at),
    first_response_at: optional("first_response_at") as number | undefined,
    resolved_at: optional("resolved_at") as number | undefined,
    closed_at: optional("closed_at") as number | undefined,
    // A reason this version doesn't know reads as an ordinary close.
    close_reason: isCloseReason(item.close_reason)
      ? item.close_reason
      : undefined,
    holds: Array.isArray(item.holds) && item.holds.length
      ? item.holds.map(decodeHold)
      : undefined,
    // 0 is how a partial update clears a time (it can only set values).
    response_due_at: timeOrNone("response_due_at"),
    resolution_due_at: timeOrNone("resolution_due_at"),
    sla_next_check_at: timeOrNone("sla_next_check_at"),
    sla_policy_at: timeOrNone("sla_policy_at"),
    // Names this version doesn't know are dropped rather than trusted.
    sla_notices: Array.isArray(item.sla_notices) && item.sla_notices.length
      ? item.sla_notices.filter((n): n is SlaNoticeName =>
        (SLA_NOTICES as readonly unknown[]).includes(n)
      )
      : undefined,
    sla_thread_owed: noticeNames(item.sla_thread_owed),
    rating: optional("rating") as number | undefined,
    rating_comment: optional("rating_comment") as string | undefined,
    rated_at: optional("rated_at") as number | undefined,
    jsm_key: text("jsm_key"),
    jsm_url: text("jsm_url"),
    jsm_status: text("jsm_status"),
    jsm_sync: item.jsm_sync === "pending" || item.jsm_sync === "synced"
      ? item.jsm_sync
      : undefined,
    // 0 is how a partial update clears the count (it can only set values).
    jsm_attempts: Number(item.jsm_attempts) || undefined,
    jsm_retry_at: optional("jsm_retry_at") as number | undefined,
    jsm_create_sent: item.jsm_create_sent === true ? true : undefined,
    // 0 clears it, as with jsm_attempts.
    jsm_create_sent_at: Number(item.jsm_create_sent_at) || undefined,
    jsm_error: text("jsm_error"),
    jira_issue_key: text("jira_issue_key"),
    jira_issue_url: text("jira_issue_url"),
    queue_id: text("queue_id"),
    request_type_id: text("request_type_id"),
    request_type_name: text("request_type_name"),
    answers: decodeAnswers(item.answers),
    private: item.private === true ? true : undefined,
    approval: item.approval === "pending" || item.approval === "approved" ||
        item.approval === "denied"
      ? item.approval
      : undefined,
    approval_by: text("approval_by"),
    approval_at: optional("approval_at") as number | undefined,
    approval_reason: text("approval_reason"),
    approval_messages: Array.isArray(item.approval_messages) &&
        item.approval_messages.length
      ? item.approval_messages.map(String)
      : undefined,
    reporter: text("reporter"),
    source_message_ts: text("source_message_ts"),
    creation_key: text("creation_key"),
    // false is how a partial update clears a flag.
    setup_pending: item.setup_pending === true ? true : undefined,
    card_redraw_due: item.card_redraw_due === true ? true : undefined,
    updated_by: text("updated_by"),
    outbox: Array.isArray(item.outbox) && item.outbox.length
      ? item.outbox.map(String)
      : undefined,
    outbox_due: item.outbox_due === true ? true : undefined,
    requester_thread: text("requester_thread"),
    jsm_comments: Array.isArray(item.jsm_comments) && item.jsm_comments.length
      ? item.jsm_comments.map(String)
      : undefined,
    // A ticket stored before report days existed was filed (by the walk)
    // under the days it counts in as stored.
    report_days: Array.isArray(item.report_days) && item.report_days.length
      ? item.report_days.map(String)
      : countedDays(item as Partial<Ticket>),
  };
  if (!ticket.sla_thread_owed?.length) delete ticket.sla_thread_owed;
  // Absent stays absent, so a ticket read back equals the one written.
  for (const [name, value] of Object.entries(ticket)) {
    if (value === undefined) delete ticket[name as keyof Ticket];
  }
  return ticket;
}
