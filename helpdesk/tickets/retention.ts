// Retention and erasure, as rules on plain data: which closed tickets are
// due to be purged, what a purged or erased message says instead, and which
// of Helpdesk's messages carry a person's name or words. The work itself is
// use_cases/changes/ticket_purge.ts and use_cases/schedule/.
import type { Ticket } from "./model.ts";
import { decodeEntry } from "./history_view.ts";

const DAY = 86_400;

/** Shorter would purge tickets still in My tickets (RECENT_DAYS) or reopenable. */
export const MIN_RETENTION_DAYS = 30;
/** Ten years: longer is a typo, not a policy. */
export const MAX_RETENTION_DAYS = 3650;

/** The retention period as typed in Configure Helpdesk; blank keeps all. */
export function retentionDays(
  typed: string | undefined,
): { ok: true; value: number } | { ok: false; problem: string } {
  const text = (typed ?? "").trim();
  if (!text || text === "0") return { ok: true, value: 0 };
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (
    !Number.isInteger(days) || days < MIN_RETENTION_DAYS ||
    days > MAX_RETENTION_DAYS
  ) {
    return {
      ok: false,
      problem:
        `“${text}” is not a number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}. Leave it blank to keep closed tickets.`,
    };
  }
  return { ok: true, value: days };
}

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
