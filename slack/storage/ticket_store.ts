// Reading and writing tickets. Items are stored as the Ticket shape minus the
// absent optional fields; the lookup datastore indexes tickets by key and by
// triage card so handlers never scan the table to find one.
//
// Every write goes through here, and writes the ticket's entry in the open
// work index (work_store.ts) at the same time, in the same round trip. Each
// write has a revision (`rev`, sortable by time) stamped on the ticket and
// on its entry, so the scheduled run can tell an entry that lags behind its
// ticket. An entry that could not be written is logged, not thrown: the
// ticket is saved, which is what the person is told about, and the
// scheduled run's walk over the tickets puts the entry back (see
// slack/operations/history_walk.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import TicketsDatastore from "../../datastores/tickets.ts";
import TicketLookupDatastore from "../../datastores/ticket_lookup.ts";
import {
  type Hold,
  isCloseReason,
  isPriority,
  isStatus,
  SLA_NOTICES,
  type SlaNoticeName,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import {
  bulkPutItems,
  getItem,
  putItem,
  type StoredItem,
  updateItem,
} from "./datastore.ts";
import type { Answer } from "../../helpdesk/request_types/form_fields.ts";
import {
  noticeNames,
  WORK_FIELDS,
  type WorkEntry,
  workEntryOf,
} from "../../helpdesk/tickets/open_work.ts";
import {
  countedDays,
  reportDaysOf,
} from "../../helpdesk/reports/report_rows.ts";
import {
  updateWorkEntry,
  updateWorkItem,
  type WorkItem,
  workUpdateOf,
} from "./work_store.ts";

export type TicketItem = StoredItem<typeof TicketsDatastore>;
export type LookupItem = StoredItem<typeof TicketLookupDatastore>;

export const lookupByKey = (key: string) => `key:${key}`;
export const lookupByJsmKey = (key: string) => `jsm:${key}`;
/** The message a ticket was made from: one message makes one ticket. */
export const lookupByMessage = (channel: string, ts: string) =>
  `message:${channel}:${ts}`;
export const lookupByCard = (channel: string, ts: string) =>
  `card:${channel}:${ts}`;
/** The requester's thread (see requester_thread): their side of the talk. */
export const lookupByThread = (channel: string, ts: string) =>
  `thread:${channel}:${ts}`;

export async function getTicket(
  client: SlackAPIClient,
  id: string,
): Promise<Ticket | undefined> {
  const item = await getItem(client, TicketsDatastore, id);
  return item ? toTicket(item) : undefined;
}

export async function findTicketId(
  client: SlackAPIClient,
  lookup: string,
): Promise<string | undefined> {
  const item = await getItem(client, TicketLookupDatastore, lookup);
  return item?.ticket_id || undefined;
}

/**
 * A new revision: the time in ms (base 36, fixed width, so revisions sort as
 * written) and a random tail for writes in the same millisecond.
 */
export function newRev(nowMs = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0];
  return `${nowMs.toString(36).padStart(9, "0")}.${
    random.toString(36).padStart(7, "0")
  }`;
}

/** The ticket as stored, with its revision. */
export async function getTicketRevision(
  client: SlackAPIClient,
  id: string,
): Promise<{ ticket: Ticket; rev: string } | undefined> {
  const item = await getItem(client, TicketsDatastore, id);
  return item ? { ticket: toTicket(item), rev: revOf(item) } : undefined;
}

/** Tickets written before revisions existed have the revision "". */
export const revOf = (item: TicketItem): string =>
  typeof item.rev === "string" ? item.rev : "";

export async function putTicket(client: SlackAPIClient, ticket: Ticket) {
  const rev = newRev();
  await Promise.all([
    putItem(client, TicketsDatastore, { ...toItem(ticket), rev }),
    indexWork(client, ticket, rev),
  ]);
}

/** The work entry of a ticket just written; see the top of this file. */
async function indexWork(client: SlackAPIClient, ticket: Ticket, rev: string) {
  const entry = workEntryOf(ticket, rev);
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await updateWorkEntry(client, entry);
      return;
    } catch (error) {
      if (attempt === 2) {
        console.error(
          `${ticket.key}: open work entry not written; the scheduled walk restores it`,
          error,
        );
      }
    }
  }
}

/**
 * Like putTicket, but a failure whose write landed anyway (its answer lost
 * to a timeout) counts as done: the ticket is read back and compared.
 */
export async function putTicketSurely(client: SlackAPIClient, ticket: Ticket) {
  try {
    await putTicket(client, ticket);
  } catch (error) {
    const stored = await getTicket(client, ticket.id).catch(() => undefined);
    if (!stored || !sameItem(toItem(stored), toItem(ticket))) throw error;
  }
}

function sameItem(a: TicketItem, b: TicketItem): boolean {
  const sorted = (item: TicketItem) =>
    JSON.stringify(Object.entries(item).sort(([x], [y]) => x.localeCompare(y)));
  return sorted(a) === sorted(b);
}

/**
 * Sets some fields of a stored ticket and returns the whole ticket as it is
 * now. A partial update cannot undo a concurrent change to other fields
 * (status, assignee), which a put of a ticket read earlier would.
 */
export async function updateTicketFields(
  client: SlackAPIClient,
  id: string,
  fields: Partial<Omit<Ticket, "id" | "holds">>,
): Promise<Ticket> {
  const { answers, ...rest } = fields;
  const rev = newRev();
  const change: TicketItem = { id, ...rest, rev };
  if (answers) change.answers = JSON.stringify(answers);
  if (!COUNTED_FIELDS.some((field) => fields[field] !== undefined)) {
    // Its report days can't move: the entry gets the same fields at once.
    const [item] = await Promise.all([
      updateItem(client, TicketsDatastore, change),
      indexWorkFields(client, id, rev, fields),
    ]);
    return toTicket(item);
  }
  const item = await updateItem(client, TicketsDatastore, change);
  const ticket = toTicket(item);
  // A field that counts in reports moved to a new day, which the ticket
  // must remember (it only knows now, after the update).
  const days = reportDaysOf(ticket);
  const known = Array.isArray(item.report_days) ? item.report_days : [];
  const wrote: Promise<unknown>[] = [indexWork(client, ticket, rev)];
  if (days.some((day) => !known.includes(day))) {
    wrote.push(updateItem(client, TicketsDatastore, { id, report_days: days }));
  }
  await Promise.all(wrote);
  return { ...ticket, report_days: days };
}

/** The fields that put a ticket in a report's day. */
const COUNTED_FIELDS = [
  "created_at",
  "first_response_at",
  "resolved_at",
  "rated_at",
] as const;

/**
 * The same partial change to the ticket's entry. An entry the scheduled run
 * had already removed comes back with only these fields, which that run
 * reads as incomplete: it looks at the ticket and files or removes it.
 */
async function indexWorkFields(
  client: SlackAPIClient,
  id: string,
  rev: string,
  fields: Partial<Ticket>,
) {
  const change: WorkEntry = { id, rev, report_days: [] };
  for (const field of WORK_FIELDS) {
    if (fields[field] !== undefined) {
      (change as Record<string, unknown>)[field] = fields[field];
    }
  }
  const { report_days: _kept, ...item } = workUpdateOf(change);
  const partial = Object.fromEntries(
    Object.entries(item).filter(([name]) =>
      name === "id" || name === "rev" ||
      fields[name as keyof Ticket] !== undefined
    ),
  ) as unknown as WorkItem;
  try {
    await updateWorkItem(client, partial);
  } catch (error) {
    console.error(
      `${id}: open work entry not updated; the scheduled walk restores it`,
      error,
    );
  }
}

/** Indexes a ticket by one more lookup (its JSM key, once linked). */
export async function putLookup(
  client: SlackAPIClient,
  lookup: string,
  ticketId: string,
) {
  await putItem(client, TicketLookupDatastore, { lookup, ticket_id: ticketId });
}

/** Indexes a new ticket by its key, its card and its source message. */
export async function putLookups(client: SlackAPIClient, ticket: Ticket) {
  const items: LookupItem[] = [
    { lookup: lookupByKey(ticket.key), ticket_id: ticket.id },
  ];
  if (ticket.card_channel && ticket.card_ts) {
    items.push({
      lookup: lookupByCard(ticket.card_channel, ticket.card_ts),
      ticket_id: ticket.id,
    });
  }
  if (ticket.source_message_ts && ticket.source_channel) {
    items.push({
      lookup: lookupByMessage(ticket.source_channel, ticket.source_message_ts),
      ticket_id: ticket.id,
    });
  }
  const thread = ticket.requester_thread?.match(/^([^:]+):(.+)$/);
  if (thread) {
    items.push({
      lookup: lookupByThread(thread[1], thread[2]),
      ticket_id: ticket.id,
    });
  }
  await bulkPutItems(client, TicketLookupDatastore, items);
}

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
