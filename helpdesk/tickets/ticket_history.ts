// A ticket's history: who changed what and when, kept in the ticket's own
// item (not read back from its thread, where a deleted message would lose
// it). Entries are derived from the ticket before and after each change, so
// every path that saves a change (use_cases/changes/publish_change.ts)
// records it the same way, in the same write, without a call of its own.
//
// Bounded: the newest HISTORY_KEPT entries are kept and the older ones only
// counted, so a ticket changed for years stays far below DynamoDB's 400 KB
// item limit (each entry is at most ~400 bytes: ~20 KB in all).
import type { Ticket } from "./model.ts";

/** The card's History… button. */
export const HISTORY_ACTION = "history";

export const HISTORY_KEPT = 50;
/** Words kept of a value (a summary, a reason): enough to recognise it. */
export const HISTORY_VALUE_CHARS = 100;

export const HISTORY_KINDS = [
  "status",
  "assignee",
  "edit",
  "move",
  "merge",
  "merged_in",
  "unmerge",
  "link",
  "approval",
  "jsm",
  "rating",
  "reply",
] as const;
export type HistoryKind = typeof HISTORY_KINDS[number];

export interface HistoryEntry {
  /** Unix seconds. */
  at: number;
  /** Who made the change; absent when Helpdesk made it itself. */
  by?: string;
  kind: HistoryKind;
  /** Which field an edit changed. */
  field?: string;
  from?: string;
  to?: string;
  /** Where the change came from without a person, e.g. "in Jira". */
  via?: string;
}

type Change = Omit<HistoryEntry, "at" | "by" | "via">;

const cut = (text: string | undefined): string | undefined =>
  text === undefined
    ? undefined
    : [...text].length > HISTORY_VALUE_CHARS
    ? [...text].slice(0, HISTORY_VALUE_CHARS - 1).join("") + "…"
    : text;

/** The changes between two versions of a ticket, in a fixed order. */
export function changesBetween(before: Ticket, after: Ticket): Change[] {
  const changes: Change[] = [];
  if (before.status !== after.status) {
    changes.push({ kind: "status", from: before.status, to: after.status });
  }
  if ((before.assignee ?? "") !== (after.assignee ?? "")) {
    changes.push({
      kind: "assignee",
      from: before.assignee,
      to: after.assignee,
    });
  }
  for (const field of ["summary", "priority", "category"] as const) {
    if (before[field] !== after[field]) {
      changes.push({
        kind: "edit",
        field,
        from: cut(before[field]),
        to: cut(after[field]),
      });
    }
  }
  // Long or personal text: that it changed, not what it says.
  if (before.description !== after.description) {
    changes.push({ kind: "edit", field: "description" });
  }
  if ((before.queue_id ?? "") !== (after.queue_id ?? "")) {
    changes.push({ kind: "move", from: before.queue_id, to: after.queue_id });
  }
  if (!before.merged_into && after.merged_into) {
    changes.push({ kind: "merge", to: after.merged_into_key });
  }
  if (before.merged_into && !after.merged_into) {
    changes.push({ kind: "unmerge", from: before.merged_into_key });
  }
  for (const key of added(before.merged_from, after.merged_from)) {
    changes.push({ kind: "merged_in", from: key });
  }
  for (const key of added(after.merged_from, before.merged_from)) {
    changes.push({ kind: "unmerge", to: key });
  }
  for (const key of added(before.related, after.related)) {
    changes.push({ kind: "link", to: key });
  }
  if ((before.approval ?? "") !== (after.approval ?? "")) {
    changes.push({
      kind: "approval",
      from: before.approval,
      to: after.approval,
      ...(after.approval === "denied" && after.approval_reason
        ? { field: cut(after.approval_reason) }
        : {}),
    });
  }
  if (
    (before.jsm_status ?? "") !== (after.jsm_status ?? "") && after.jsm_status
  ) {
    changes.push({
      kind: "jsm",
      from: before.jsm_status,
      to: after.jsm_status,
    });
  }
  if (before.rating !== after.rating && after.rating !== undefined) {
    changes.push({ kind: "rating", to: String(after.rating) });
  }
  if (after.last_reply && before.last_reply !== after.last_reply) {
    changes.push({ kind: "reply" });
  }
  return changes;
}

function added(
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
): string[] {
  return (after ?? []).filter((key) => !(before ?? []).includes(key));
}

/**
 * The ticket after a change, its history grown by what changed: the newest
 * HISTORY_KEPT entries kept, older ones counted in history_dropped.
 */
export function withHistory(
  before: Ticket,
  after: Ticket,
  who: { by?: string; via?: string; at: number },
): Ticket {
  const changes = changesBetween(before, after);
  if (changes.length === 0) return after;
  const entries = changes.map((change) =>
    encodeEntry({
      at: who.at,
      ...(who.by ? { by: who.by } : {}),
      ...(who.via ? { via: cut(who.via) } : {}),
      ...change,
    })
  );
  // The version read under the lock holds the history; `after` may have
  // been built from an older copy.
  const all = [...before.history ?? [], ...entries];
  const over = Math.max(0, all.length - HISTORY_KEPT);
  return {
    ...after,
    history: all.slice(over),
    ...(over || before.history_dropped
      ? { history_dropped: (before.history_dropped ?? 0) + over }
      : {}),
  };
}

/** Where a change JSM sent came from, in the history and the thread. */
export const JSM_VIA = "in Jira Service Management";

/**
 * The fields that note a JSM status Helpdesk does not follow (one it does
 * not know, or one it already has): the status and, when it is new, its
 * history entry. Without a person: JSM's webhook does not say who.
 */
export function jsmStatusNoted(
  latest: Ticket,
  status: string,
  at: number,
): Pick<Ticket, "jsm_status" | "history" | "history_dropped"> {
  const noted = withHistory(latest, { ...latest, jsm_status: status }, {
    via: JSM_VIA,
    at,
  });
  return {
    jsm_status: status,
    ...(noted.history !== latest.history ? { history: noted.history } : {}),
    ...(noted.history_dropped !== latest.history_dropped
      ? { history_dropped: noted.history_dropped }
      : {}),
  };
}

/** Compact JSON with one-letter names: 50 entries stay small. */
export function encodeEntry(entry: HistoryEntry): string {
  const short: Record<string, unknown> = { t: entry.at, k: entry.kind };
  if (entry.by) short.b = entry.by;
  if (entry.field !== undefined) short.d = entry.field;
  if (entry.from !== undefined) short.f = entry.from;
  if (entry.to !== undefined) short.o = entry.to;
  if (entry.via !== undefined) short.v = entry.via;
  return JSON.stringify(short);
}
