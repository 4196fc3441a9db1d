// The ticket lock's two ways in for a change to one ticket: a change decided
// on the ticket as stored now and then published (changeUnderLock), and
// bookkeeping on its own fields that nobody is shown
// (updateFieldsUnderLock). Every feature that changes a ticket goes through
// one of them, so no change is lost to another made at the same moment;
// change_ticket.ts and the other changes use them, and the layering test
// keeps the lock in this feature.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  type TicketRead,
  type UncountedFields,
  updateTicketFields,
  updateUncountedFields,
} from "../../slack/storage/ticket_store.ts";
import { TICKET_GONE } from "../../slack/workspace/queued_ticket.ts";
import {
  type LockedTicket,
  type LockOptions,
  withTicketLock,
  withTicketLockReading,
} from "../../slack/storage/ticket_lock.ts";
import { withRecentChange } from "../../slack/blocks/ticket_messages.ts";
import { publishChange, type TicketChange } from "./publish_change.ts";

export type ChangeResult =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  /** `unsure`: refused before the ticket was read under its lock. */
  | { ok: false; reason: string; ticket?: Ticket; unsure?: true };

export type ChangeOutcome =
  | { ok: true; change: TicketChange }
  | { ok: false; reason: string };

/**
 * One change to one ticket, by whatever decides it (a card action, a rating,
 * JSM, the scheduled auto-close): under the ticket's lock, `decide` gets the
 * ticket as stored now, so no change is lost to another made at the same
 * moment, and what it decides is saved before it is shown.
 */
export async function changeUnderLock(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  seen: Ticket,
  decide: (latest: Ticket) => ChangeOutcome | Promise<ChangeOutcome>,
  options: { now: number; actorId?: string; lock?: LockOptions },
): Promise<ChangeResult> {
  const locked = await withTicketLock(
    client,
    seen,
    async (latest): Promise<ChangeResult> => {
      if (!latest) return { ok: false, reason: TICKET_GONE };
      const outcome = await decide(latest);
      if (!outcome.ok) {
        return {
          ok: false,
          reason: withRecentChange(
            latest,
            outcome.reason,
            options.actorId,
            options.now,
          ),
          ticket: latest,
        };
      }
      return {
        ok: true,
        ...await publishChange(
          client,
          settings,
          { before: latest, ...outcome.change },
          options.now,
        ),
      };
    },
    options.lock,
  );
  return locked.ok
    ? locked.value
    : { ok: false, reason: locked.reason, ticket: seen, unsure: true };
}

/**
 * Bookkeeping on a ticket's own fields (the JSM comments already sent, say),
 * computed from the ticket as stored now under its lock, so a change made
 * meanwhile is kept. Nothing is shown: no card redraw, no thread line.
 * The ticket as saved, unless it was deleted meanwhile.
 */
export async function updateFieldsUnderLock(
  client: SlackAPIClient,
  ticket: Ticket,
  fields: (latest: Ticket) => Parameters<typeof updateTicketFields>[2],
  lock?: LockOptions,
): Promise<
  { ok: true; ticket?: Ticket } | { ok: false; reason: string }
> {
  const locked = await withTicketLock(client, ticket, async (latest) => {
    return latest
      ? await updateTicketFields(client, ticket.id, fields(latest))
      : undefined;
  }, lock);
  return locked.ok
    ? { ok: true, ...(locked.value ? { ticket: locked.value } : {}) }
    : locked;
}

/**
 * updateFieldsUnderLock for fields that put the ticket in no report's day,
 * the ticket read under the lock by `read` (only the fields `fields` needs:
 * slack/storage/files_ticket.ts) and not read back once saved. Nothing is
 * written when it was deleted meanwhile.
 */
export async function updateUncountedUnderLock<V>(
  client: SlackAPIClient,
  ticket: LockedTicket,
  read: TicketRead<V>,
  fields: (latest: V) => UncountedFields,
  lock?: LockOptions,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const locked = await withTicketLockReading(
    client,
    ticket,
    read,
    async (latest) => {
      if (latest) {
        await updateUncountedFields(client, ticket.id, fields(latest));
      }
    },
    lock,
  );
  return locked.ok ? { ok: true } : locked;
}
