// The ticket lifecycle:
//   new → in progress ⇄ waiting on requester → resolved → closed
// with "reopen" taking a resolved ticket back to in progress. Two ways around
// it belong to the requester (requester_actions.ts): withdrawing closes an
// open ticket, and a ticket closed lately can be reopened for a configurable
// number of days. Otherwise closed is final: a new request gets a new ticket.
import { type Status, STATUS_LABELS } from "./model.ts";

const ALLOWED: Record<Status, readonly Status[]> = {
  new: ["in_progress"],
  in_progress: ["waiting_on_requester", "resolved"],
  waiting_on_requester: ["in_progress", "resolved"],
  resolved: ["closed", "in_progress"],
  closed: [],
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: string };

export function allowedNextStatuses(from: Status): readonly Status[] {
  return ALLOWED[from];
}

/** Says whether `from → to` is allowed and, if not, why in plain words. */
export function checkTransition(
  key: string,
  from: Status,
  to: Status,
): TransitionCheck {
  if (from === to) {
    return { ok: false, reason: `${key} is already ${label(to)}.` };
  }
  if (ALLOWED[from].includes(to)) return { ok: true };
  return { ok: false, reason: `${key} is ${label(from)}: ${hint(from, to)}` };
}

function label(status: Status): string {
  return STATUS_LABELS[status].toLowerCase();
}

function hint(from: Status, to: Status): string {
  if (from === "closed") {
    return "closed tickets stay closed. Open a new ticket and mention this one.";
  }
  if (to === "closed") return "resolve it before closing it.";
  if (from === "new") return "start or claim it first.";
  if (from === "resolved") return "reopen it first.";
  return `it can't go straight to ${label(to)}.`;
}
