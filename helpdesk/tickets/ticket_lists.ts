// The orders and pages of the two lists people ask for: a requester's own
// tickets (My tickets) and the open tickets of the queues an agent works
// (Open tickets). Plain data: the Slack side reads the tickets and draws
// the page.
import { isStatus, OPEN_STATUSES, type Status, type Ticket } from "./model.ts";

/** How far back My tickets shows closed ones. */
export const RECENT_DAYS = 30;

/**
 * What the lists order and filter a ticket by: a whole ticket, or its entry
 * in the open work index (open_work.ts), so that only the tickets of the
 * page shown are read.
 */
export type ListRow =
  & Pick<Ticket, "id" | "status" | "requester" | "created_at" | "updated_at">
  & Partial<
    Pick<
      Ticket,
      | "assignee"
      | "approval"
      | "queue_id"
      | "closed_at"
      | "first_response_at"
      | "response_due_at"
      | "resolution_due_at"
    >
  >;

const STATUS_ORDER: Record<Status, number> = {
  new: 0,
  in_progress: 1,
  waiting_on_requester: 2,
  resolved: 3,
  closed: 4,
};

/**
 * A requester's tickets: still open first (the one touched last on top),
 * then resolved ones waiting for their word, then those closed lately.
 */
export function orderMyTickets<T extends ListRow>(tickets: readonly T[]): T[] {
  return [...tickets].sort(myTicketsOrder);
}

/** The order of orderMyTickets, one pair at a time. */
export function myTicketsOrder(a: ListKey, b: ListKey): number {
  const group = (t: ListKey) =>
    OPEN_STATUSES.includes(t.status) ? 0 : t.status === "resolved" ? 1 : 2;
  return group(a) - group(b) || b.updated_at - a.updated_at ||
    a.id.localeCompare(b.id);
}

/** Whether My tickets shows it: open or resolved, or closed lately. */
export function isMine(ticket: ListRow, requester: string, now: number) {
  if (ticket.requester !== requester) return false;
  if (ticket.status !== "closed") return true;
  return (ticket.closed_at ?? ticket.updated_at) >= now - RECENT_DAYS * 86_400;
}

export const QUEUE_ORDERS = ["status", "deadline", "unassigned"] as const;
export type QueueOrder = typeof QUEUE_ORDERS[number];

export const QUEUE_ORDER_LABELS: Record<QueueOrder, string> = {
  status: "By status",
  deadline: "By next SLA deadline",
  unassigned: "Unassigned first",
};

export function isQueueOrder(value: unknown): value is QueueOrder {
  return (QUEUE_ORDERS as readonly unknown[]).includes(value);
}

/**
 * The next service-level deadline still ahead of the ticket (or missed): its
 * first response while nobody answered, else its resolution. None while the
 * clocks are paused (waiting on the requester) or without targets.
 */
export function nextDeadline(ticket: ListKey): number | undefined {
  if (ticket.status === "waiting_on_requester") return undefined;
  const due = [
    ticket.first_response_at === undefined ? ticket.response_due_at : undefined,
    ticket.resolution_due_at,
  ].filter((d): d is number => d !== undefined);
  return due.length ? Math.min(...due) : undefined;
}

/**
 * An agent's open tickets in the order asked for; ties fall back on the
 * other two orders, then on age, so a page never shuffles between clicks.
 */
export function orderOpenTickets<T extends ListRow>(
  tickets: readonly T[],
  order: QueueOrder,
): T[] {
  return [...tickets].sort(openTicketsOrder(order));
}

/** The order of orderOpenTickets, one pair at a time. */
export function openTicketsOrder(
  order: QueueOrder,
): (a: ListKey, b: ListKey) => number {
  type K = ListKey;
  const byStatus = (a: K, b: K) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  const byDeadline = (a: K, b: K) =>
    (nextDeadline(a) ?? Infinity) - (nextDeadline(b) ?? Infinity);
  const unassignedFirst = (a: K, b: K) =>
    Number(Boolean(a.assignee)) - Number(Boolean(b.assignee));
  const keys = {
    status: [byStatus, unassignedFirst, byDeadline],
    deadline: [byDeadline, unassignedFirst, byStatus],
    unassigned: [unassignedFirst, byDeadline, byStatus],
  }[order];
  return (a, b) => {
    for (const key of keys) {
      const c = key(a, b);
      if (c) return c;
    }
    return a.created_at - b.created_at || a.id.localeCompare(b.id);
  };
}

export interface Page<T> {
  items: T[];
  /** 0-based, within [0, pages). */
  page: number;
  pages: number;
  total: number;
  /** Where the page's first and last rows stood in the order. */
  first?: ListKey;
  last?: ListKey;
}

/**
 * What a row's place in either order depends on: a page's buttons carry
 * the keys of its first and last rows, so that the next page starts right
 * after the last row shown, wherever the rows before it went meanwhile.
 */
export type ListKey =
  & Pick<ListRow, "id" | "status" | "created_at" | "updated_at">
  & Partial<
    Pick<
      ListRow,
      | "assignee"
      | "first_response_at"
      | "response_due_at"
      | "resolution_due_at"
    >
  >;

/** The key of a row; its absent fields are left out of its JSON. */
export function keyOf(row: ListKey): ListKey {
  const {
    id,
    status,
    created_at,
    updated_at,
    assignee,
    first_response_at,
    response_due_at,
    resolution_due_at,
  } = row;
  return {
    id,
    status,
    created_at,
    updated_at,
    assignee,
    first_response_at,
    response_due_at,
    resolution_due_at,
  };
}

/** A key as a click sent it back (anyone can forge one): checked. */
export function isListKey(value: unknown): value is ListKey {
  const key = Object(value) as Record<string, unknown>;
  const time = (t: unknown) => t === undefined || Number.isFinite(t);
  return typeof key.id === "string" && isStatus(key.status) &&
    Number.isFinite(key.created_at) && Number.isFinite(key.updated_at) &&
    time(key.first_response_at) && time(key.response_due_at) &&
    time(key.resolution_due_at) &&
    (key.assignee === undefined || typeof key.assignee === "string");
}

/**
 * Which page to show: by number (a list just opened, another order), or by
 * a row of the page the person saw: `after` its last row (Next), `before`
 * its first (Previous), or `from` its first again (redrawn after a click;
 * on the first page, from the top).
 */
export interface PageAt {
  page: number;
  after?: ListKey;
  before?: ListKey;
  from?: ListKey;
}

/**
 * One page of rows in `order`. Kept by a row rather than by a count, a page
 * neither skips nor repeats a row that kept its place when rows before it
 * closed or opened between two clicks. Previous goes back a whole page, or
 * to the first one.
 */
export function pageAt<T extends ListKey>(
  ordered: readonly T[],
  at: PageAt,
  size: number,
  order: (a: ListKey, b: ListKey) => number,
): Page<T> {
  const count = (before: (row: T) => boolean) => ordered.filter(before).length;
  let start: number;
  if (at.after) start = count((row) => order(row, at.after!) <= 0);
  // The first page redraws from the top: a row that came before it (a
  // ticket just opened or changed) is shown, not put behind "Previous".
  else if (at.from && at.page > 0) {
    start = count((row) => order(row, at.from!) < 0);
  } else if (at.before) {
    const ahead = count((row) => order(row, at.before!) < 0);
    start = ahead <= size ? 0 : ahead - size;
  } else return keyed(pageOf(ordered, at.page, size));
  // Past the end (everything after it went): the last page.
  if (start >= ordered.length) {
    return keyed(pageOf(ordered, Number.MAX_SAFE_INTEGER, size));
  }
  const page = Math.ceil(start / size);
  return keyed({
    items: ordered.slice(start, start + size),
    page,
    pages: page + Math.ceil((ordered.length - start) / size),
    total: ordered.length,
  });
}

function keyed<T extends ListKey>(page: Page<T>): Page<T> {
  const [first, last] = [page.items[0], page.items.at(-1)];
  return first && last
    ? { ...page, first: keyOf(first), last: keyOf(last) }
    : page;
}

/**
 * Whether Open tickets shows it for these queues: open and in one of them
 * ("default" holds tickets older than queues).
 */
export function isQueueWork(
  ticket: ListRow,
  queueIds: ReadonlySet<string>,
): boolean {
  // A request waiting for approval is listed too, marked as such: its
  // agents see what is coming (see open_tickets_view.ts).
  return OPEN_STATUSES.includes(ticket.status) &&
    queueIds.has(ticket.queue_id ?? "default");
}

/** One page of `size`; a page past the end shows the last one. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  return {
    items: items.slice(at * size, (at + 1) * size),
    page: at,
    pages,
    total: items.length,
  };
}
