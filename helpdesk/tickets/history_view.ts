// Reading a ticket's history back (helpdesk/tickets/ticket_history.ts keeps
// it): entries decoded, and what each viewer may see of them. Apart from
// the writing side, which every change carries, so only History… pays for
// it in its bundle.
import { type Status, STATUSES, type Ticket } from "./model.ts";
import {
  HISTORY_KINDS,
  type HistoryEntry,
  type HistoryKind,
} from "./ticket_history.ts";

/** An entry read back; undefined for one this version can't read. */
export function decodeEntry(text: string): HistoryEntry | undefined {
  let short: Record<string, unknown>;
  try {
    short = JSON.parse(text);
  } catch {
    return undefined;
  }
  const kind = short?.k;
  if (
    typeof short?.t !== "number" ||
    !(HISTORY_KINDS as readonly unknown[]).includes(kind)
  ) return undefined;
  const text_ = (v: unknown) => typeof v === "string" ? v : undefined;
  const entry: HistoryEntry = { at: short.t, kind: kind as HistoryKind };
  const by = text_(short.b), field = text_(short.d), from = text_(short.f);
  const to = text_(short.o), via = text_(short.v);
  if (by) entry.by = by;
  if (field !== undefined) entry.field = field;
  if (from !== undefined) entry.from = from;
  if (to !== undefined) entry.to = to;
  if (via !== undefined) entry.via = via;
  return entry;
}

/**
 * What a requester sees of their own ticket's history: what they are told
 * of anyway (its status, where it went, merges, approval, their rating),
 * not who on the team holds it or the agents' edits.
 */
const REQUESTER_KINDS: readonly HistoryKind[] = [
  "status",
  "move",
  "merge",
  "merged_in",
  "unmerge",
  "approval",
  "rating",
  "reply",
];

export interface HistoryView {
  entries: HistoryEntry[];
  /** Older entries no longer kept. */
  dropped: number;
  /** Entries this viewer is not shown (a requester's view). */
  hidden: number;
}

/** The history, oldest first, as this viewer may see it. */
export function historyFor(
  ticket: Ticket,
  viewer: "agent" | "requester",
): HistoryView {
  const all = (ticket.history ?? []).flatMap((text) => {
    const entry = decodeEntry(text);
    return entry ? [entry] : [];
  });
  const entries = viewer === "agent"
    ? all
    : all.filter((e) => REQUESTER_KINDS.includes(e.kind));
  return {
    entries,
    dropped: ticket.history_dropped ?? 0,
    hidden: all.length - entries.length,
  };
}

export const isStatusName = (value: string | undefined): value is Status =>
  (STATUSES as readonly unknown[]).includes(value);
