// One change at a time per ticket. Slack datastores have no conditional
// write, so two runs that read a ticket, change it and save it at the same
// moment would each save over the other: one change lost, while both were
// announced. So Helpdesk's own :arrows_counterclockwise: on the ticket's
// first message (its triage card, or the first approver's DM while it waits
// for approval) is the ticket's lock, a claim as reaction_claim.ts describes
// (sources for each Slack behaviour are cited there): the run whose reaction
// Slack accepts changes the ticket, then takes the reaction back.
//
// Taking it (waiting, adopting) is lock_acquire.ts; reading the ticket under
// it and letting go are here. What holds and what does not is in
// docs/architecture.md, "The ticket lock". In short:
// - A run removes the reaction only when it holds it; a failed add is never
//   followed by a removal that could break another run's lock.
// - A run that finds the lock held watches the lock's record (one
//   apps.datastore.get a poll, Tier 4) and asks for the reaction again only
//   when the record says it may be free, within a budget (`waitMs`, 4 s by
//   default).
// - An add whose answer was lost (a timeout, a 5xx) is asked again; when
//   the reaction turns out to be there and no record names another run, it
//   is this run's, once a second look confirms that no other run adopted it
//   at the same moment (adoptClaim).
// - Reads may be stale (see reaction_claim.ts): the record carries the
//   ticket's newest revision, and the next holder reads the ticket until it
//   sees at least that one, then hands it to the work.
// - A holder that deleted the ticket (a purge) says so in its release
//   record, and why (`removed`): the next holder would otherwise never see
//   the revision it names, and tell its person to try again.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  type ClaimRecord,
  type Clock,
  judgeClaim,
  newHolder,
  type ReactionSpot,
  readClaim,
  realClock,
  recordHolder,
  releaseReaction,
} from "./reaction_claim.ts";
import { acquire, type LockOptions } from "./lock_acquire.ts";
import {
  FRESH_READ_PAUSE_MS,
  FRESH_READS,
  getTicketRevision,
  knownRevision,
  type TicketRead,
} from "./ticket_store.ts";
import type { Removal } from "../../helpdesk/tickets/retention.ts";

export { STALE_AFTER_SECONDS } from "./reaction_claim.ts";
export {
  DEFAULT_LOCK_WAIT_MS,
  LOCK_POLL_MS,
  type LockOptions,
} from "./lock_acquire.ts";

export const LOCK_REACTION = "arrows_counterclockwise";

export type Locked<T> =
  | { ok: true; value: T }
  /** `removed`: the ticket was deleted by the run that held it before. */
  | { ok: false; reason: string; removed?: true };

export interface LockAnchor {
  channel: string;
  ts: string;
}

/** What the lock reads of a ticket: where its lock is, and its name. */
export type LockedTicket = Pick<
  Ticket,
  | "id"
  | "key"
  | "approval_messages"
  | "previous_cards"
  | "card_channel"
  | "card_ts"
>;

/**
 * The message that carries a ticket's lock: the first message Helpdesk
 * posted for it (the first approver's DM, or its first card, in the queue
 * it was opened in), which never changes. None before anything was posted,
 * when nobody can click anything of it yet.
 */
export function lockAnchor(ticket: LockedTicket): LockAnchor | undefined {
  // A ticket moved to another queue keeps its lock on its first card.
  const first = ticket.approval_messages?.[0] ?? ticket.previous_cards?.[0];
  if (first) {
    const at = first.indexOf(":");
    return { channel: first.slice(0, at), ts: first.slice(at + 1) };
  }
  if (ticket.card_channel && ticket.card_ts) {
    return { channel: ticket.card_channel, ts: ticket.card_ts };
  }
  return undefined;
}

export function busyReason(ticket: Pick<Ticket, "key">): string {
  return `Someone else is changing ${ticket.key} right now. Nothing changed: try again in a moment.`;
}

export function slackBusyReason(ticket: Pick<Ticket, "key">): string {
  return `Slack did not let Helpdesk change ${ticket.key} just now. Nothing changed: try again in a moment.`;
}

export function behindReason(ticket: Pick<Ticket, "key">): string {
  return `Slack has not caught up with the last change to ${ticket.key} yet. Nothing changed: try again in a moment.`;
}

/** What a run that waited for a purge tells its person. */
export function removedReason(
  ticket: Pick<Ticket, "key">,
  removed: string,
): string {
  const days = removed.match(/^retention:(\d+)$/)?.[1];
  const why = days
    ? `, after ${days} days under Helpdesk's retention period`
    : removed === "erasure"
    ? ", at the request of the person who opened it"
    : "";
  return `${ticket.key} was removed from Helpdesk a moment ago${why}. Nothing changed, and nothing is left to change.`;
}

/** The release record's words for a removal. */
function removalLabel(why: Removal): string {
  return why.kind === "retention" ? `retention:${why.days}` : "erasure";
}

/**
 * Tickets this run (client) deleted under their lock, and why: the release
 * record says so for the next holder.
 */
const removals = new WeakMap<object, Map<string, string>>();

/** Called by a holder once the ticket is deleted for good. */
export function noteRemoved(
  client: SlackAPIClient,
  ticketId: string,
  why: Removal,
) {
  let known = removals.get(client);
  if (!known) removals.set(client, known = new Map());
  known.set(ticketId, removalLabel(why));
}

export const lockId = (ticketId: string) => `ticket:${ticketId}`;

/**
 * Runs `run` holding the ticket's lock, with the ticket as stored now (at
 * least as new as every change made under the lock before; undefined when
 * it was deleted).
 */
export function withTicketLock<T>(
  client: SlackAPIClient,
  ticket: LockedTicket,
  run: (latest: Ticket | undefined) => Promise<T>,
  options: LockOptions = {},
): Promise<Locked<T>> {
  return withTicketLockReading(client, ticket, getTicketRevision, run, options);
}

/**
 * withTicketLock, with the ticket read by `read`: a read of only the
 * fields the work needs (files_ticket.ts) keeps the whole ticket's decoding
 * out of a bundle that needs no more.
 */
export async function withTicketLockReading<V, T>(
  client: SlackAPIClient,
  ticket: LockedTicket,
  read: TicketRead<V>,
  run: (latest: V | undefined) => Promise<T>,
  options: LockOptions = {},
): Promise<Locked<T>> {
  const clock: Clock = {
    nowMs: options.nowMs ?? realClock.nowMs,
    sleep: options.sleep ?? realClock.sleep,
  };
  const anchor = lockAnchor(ticket);
  const id = lockId(ticket.id);
  if (!anchor) return { ok: true, value: await run(await readLatest()) };
  const spot: ReactionSpot = {
    channel: anchor.channel,
    timestamp: anchor.ts,
    name: LOCK_REACTION,
  };
  const holder = newHolder(options.holder);
  const taken = await acquire(client, spot, id, holder, options, clock);
  if (taken.kind === "busy") return { ok: false, reason: busyReason(ticket) };
  if (taken.kind === "failed") {
    console.warn(`${ticket.key}: lock not taken`, taken.cause);
    return { ok: false, reason: slackBusyReason(ticket) };
  }
  if (taken.kind === "unlockable") {
    console.warn(`${ticket.key}: changed without its lock (${taken.code})`);
    return { ok: true, value: await run(await readLatest()) };
  }

  const record: ClaimRecord = {
    id,
    holder,
    state: "held",
    taken_at: Math.floor(clock.nowMs() / 1000),
  };
  // Named holder at once (an adopted lock already is), while the ticket is
  // read: a run that later finds the reaction there learns whose it is.
  const named = taken.adopted
    ? Promise.resolve()
    : recordHolder(client, id, holder, record.taken_at!).catch((error) =>
      console.warn(`${ticket.key}: lock not recorded`, error)
    );
  try {
    const fresh = await freshTicket(
      client,
      ticket.id,
      read,
      holder,
      clock,
      taken.waited,
    );
    if (fresh === "behind") return { ok: false, reason: behindReason(ticket) };
    if ("removed" in fresh) {
      // Kept in this run's release record too, for the next waiting run.
      record.removed = fresh.removed;
      record.rev = fresh.rev;
      return {
        ok: false,
        reason: removedReason(ticket, fresh.removed),
        removed: true,
      };
    }
    record.rev = fresh.rev;
    return { ok: true, value: await run(fresh.ticket) };
  } finally {
    // After the record of taking it, so that it can't land over the
    // release's.
    await named;
    const rev = newest(record.rev, knownRevision(client, ticket.id));
    const removed = removals.get(client)?.get(ticket.id) ?? record.removed;
    await releaseReaction(
      client,
      spot,
      { ...record, rev, ...(removed ? { removed } : {}) },
      clock,
    );
  }

  async function readLatest() {
    return (await read(client, ticket.id))?.ticket;
  }
}

/**
 * The ticket read without taking its lock, as freshTicket reads it for a
 * holder: at least as new as the last change made under the lock. For a
 * verdict that turns someone away ("it is closed"), which a stale read
 * (a reopen a moment ago not seen yet) must not give. `behind` when the
 * reads did not catch up; `{}` when the ticket is gone.
 */
export async function readSettled(
  client: SlackAPIClient,
  ticketId: string,
): Promise<{ ticket?: Ticket } | "behind"> {
  const fresh = await freshTicket(
    client,
    ticketId,
    getTicketRevision,
    newHolder("read"),
    realClock,
    false,
  );
  if (fresh === "behind") return fresh;
  return "removed" in fresh ? {} : { ticket: fresh.ticket };
}

/**
 * The ticket as stored, at least as new as the newest revision the lock's
 * record names and this run has seen. A record that still names another
 * live holder is itself an old read (a holder says "releasing" before its
 * reaction goes), read again; so is no record at all once this run has seen
 * the reaction held by another (that run wrote one first thing). One still
 * so after a few reads is taken as it is (a holder whose record was never
 * written). A ticket still behind after those reads is not changed: the run
 * says so. A record that says the ticket was removed (its purger's release)
 * is believed at once: no read would ever catch up with it.
 */
async function freshTicket<V>(
  client: SlackAPIClient,
  ticketId: string,
  readTicket: TicketRead<V>,
  holder: string,
  clock: Clock,
  waited: boolean,
): Promise<
  | { ticket: V | undefined; rev: string }
  | { removed: string; rev: string }
  | "behind"
> {
  for (let read = 1;; read++) {
    const [record, stored] = await Promise.all([
      readClaim(client, lockId(ticketId)).catch((error) => {
        console.warn(`${ticketId}: lock record not read`, error);
        return undefined;
      }),
      readTicket(client, ticketId),
    ]);
    const oldRecord = (waited && !record?.state) ||
      (record?.state === "held" && record.holder !== holder &&
        judgeClaim(record, holder, Math.floor(clock.nowMs() / 1000)) ===
          "other");
    const floor = newest(record?.rev, knownRevision(client, ticketId));
    if (record?.removed) return { removed: record.removed, rev: floor };
    const caughtUp = stored ? stored.rev >= floor : floor === "";
    if (caughtUp && (!oldRecord || read >= FRESH_READS)) {
      return { ticket: stored?.ticket, rev: newest(stored?.rev, floor) };
    }
    if (read >= FRESH_READS) return "behind";
    await clock.sleep(FRESH_READ_PAUSE_MS);
  }
}

function newest(...revs: (string | undefined)[]): string {
  return revs.reduce<string>((a, b) => (b ?? "") > a ? b! : a, "");
}
