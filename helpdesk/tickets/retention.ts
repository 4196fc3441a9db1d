// Retention and erasure, as rules on plain data: which closed tickets are
// due to be purged, what a purged or erased message says instead, and which
// of Helpdesk's messages carry a person's name or words. The work itself is
// use_cases/changes/ticket_purge.ts and use_cases/schedule/.
import type { Ticket } from "./model.ts";
import { decodeEntry } from "./history_view.ts";

export {
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  retentionDays,
} from "./retention_period.ts";

const DAY = 86_400;

/** When a ticket closed (older tickets: their last change). */
export function closedAt(
  ticket: Pick<Ticket, "closed_at" | "updated_at">,
): number {
  return ticket.closed_at ?? ticket.updated_at;
}

/** Tickets that closed before this moment are due to be purged. */
export function purgeCutoff(days: number, now: number): number {
  return now - days * DAY;
}

/**
 * Whether the ticket, as stored now, is due to be purged: closed, and
 * longer ago than the retention period. An open, resolved or reopened
 * ticket never is.
 */
export function isPurgeable(
  ticket: Pick<Ticket, "status" | "closed_at" | "updated_at">,
  days: number,
  now: number,
): boolean {
  if (!(days > 0) || ticket.status !== "closed") return false;
  return closedAt(ticket) < purgeCutoff(days, now);
}

/** Why a ticket's text is gone, as its card and messages say it. */
export type Removal =
  | { kind: "retention"; days: number }
  | { kind: "erasure" };

export function removedText(why: Removal): string {
  return why.kind === "retention"
    ? `removed after ${why.days} days`
    : "removed at the request of the person who wrote it";
}

/** The card of a purged ticket: its key and why, nothing else. */
export function purgedCardText(
  ticket: Pick<Ticket, "key">,
  why: Removal,
  uneditable: number,
): string {
  const left = uneditable
    ? ` ${uneditable} ${
      uneditable === 1 ? "reply" : "replies"
    } in this thread ${
      uneditable === 1 ? "was" : "were"
    } posted by people, not Helpdesk, and stay${
      uneditable === 1 ? "s" : ""
    }: Helpdesk can't edit them.`
    : "";
  return `:wastebasket: ${ticket.key}: ${removedText(why)}.${left}`;
}

/**
 * Everyone a ticket names: its requester, who opened it for them, its
 * followers, who else wrote in it through Helpdesk, its assignee and
 * approver, and whoever its history says changed it. Erasing one of them
 * starts from here; what they wrote is found in its threads.
 */
export function peopleOf(
  ticket:
    & Pick<
      Ticket,
      "requester" | "reporter" | "followers" | "writers"
    >
    & Partial<Pick<Ticket, "assignee" | "approval_by" | "history">>,
): string[] {
  return [
    ...new Set(
      [
        ticket.requester,
        ticket.reporter,
        ...(ticket.followers ?? []),
        ...(ticket.writers ?? []),
        ticket.assignee,
        ticket.approval_by,
        ...(ticket.history ?? []).flatMap((text) => {
          const entry = decodeEntry(text);
          return entry ? [entry.by, entry.from, entry.to] : [];
        }).filter((who) => who && USER_ID.test(who)),
      ].filter((p): p is string => !!p),
    ),
  ];
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** A message Helpdesk posted, as the thread read gives it. */
export interface PostedMessage {
  ts: string;
  text?: string;
  /** Whose it is: Helpdesk's own when it is the app's bot user. */
  user?: string;
}

/** Whether a message (its text) names the person, as a mention. */
export function namesPerson(text: string | undefined, person: string): boolean {
  return !!text && text.includes(`<@${person}>`);
}
