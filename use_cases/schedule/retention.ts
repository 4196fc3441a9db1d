// Retention in the scheduled run: closed tickets older than the period the
// admins chose are purged (use_cases/changes/ticket_purge.ts), a few a run,
// the oldest first, found through the closed-tickets index
// (slack/storage/closed_index.ts) so the cost follows the tickets due, not
// the history. Tickets join the index as they leave the open work index
// (indexClosed, called by the run's settling), and an install's older
// tickets through a catch-up walk, a page a run, once.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { WorkEntry } from "../../helpdesk/tickets/open_work.ts";
import { hasWorkLeft } from "../../helpdesk/tickets/open_work.ts";
import { utcDay } from "../../helpdesk/reports/report_rows.ts";
import {
  closedAt,
  isPurgeable,
  peopleOf,
  purgeCutoff,
} from "../../helpdesk/tickets/retention.ts";
import { type CallBudget, isCarryOver } from "../../slack/api/call_budget.ts";
import {
  addClosed,
  closedDay,
  closedDaysBefore,
  type ClosedTicket,
  personTickets,
  readLists,
  removeFromLists,
} from "../../slack/storage/closed_index.ts";
import { getCatchUp, putCatchUp } from "../../slack/storage/erasure_store.ts";
import {
  ticketPageAt,
  ticketsById,
} from "../../slack/storage/ticket_queries.ts";
import {
  findTicketId,
  getTicket,
  lookupByKey,
} from "../../slack/storage/ticket_store.ts";
import { purgeTicket } from "../changes/ticket_purge.ts";
import type { PhaseResult, RunFailure } from "./run_report.ts";

/** Tickets purged per run, at most (each may take a dozen messages). */
export const PURGED_PER_RUN = 10;
/** Days of the index read per run: one bulk read. */
const DAYS_PER_RUN = 25;
/** Tickets the catch-up walk reads per run. */
export const CATCH_UP_PAGE = 250;

/**
 * What purging one ticket may take, at most, by method: its lock, its
 * threads read (a page each), a dozen messages replaced, its words out of
 * the similar-tickets index, its lookups, entry and item deleted.
 */
export const PURGE_CALLS: Record<string, number> = {
  "reactions.add": 1,
  "reactions.remove": 1,
  "apps.datastore.get": 3,
  "apps.datastore.put": 2,
  "apps.datastore.update": 2,
  "conversations.replies": 3,
  "chat.update": 12,
  "apps.datastore.bulkGet": 6,
  "apps.datastore.bulkPut": 6,
  "apps.datastore.bulkDelete": 2,
  "apps.datastore.delete": 1,
};

/** Room in the run for `calls`, with 2 s to spare. */
export function roomFor(budget: CallBudget, calls: Record<string, number>) {
  return budget.timeLeft() > 2_000 &&
    Object.entries(calls).every(([method, n]) => budget.remaining(method) >= n);
}

/** How the index files a ticket that has closed. */
export function closedTicketOf(ticket: Ticket): ClosedTicket {
  return {
    id: ticket.id,
    day: utcDay(closedAt(ticket)),
    people: peopleOf(ticket),
  };
}

/**
 * Files tickets whose open work entries are about to be removed (closed,
 * nothing left to do) into the closed-tickets index, before they go, and
 * returns the ids it could not file. Their entries stay and the next run
 * files them again; meanwhile erasure finds them in the open work, where
 * it looks first. A list that cannot be written (one person's) keeps back
 * only the tickets it names: after the whole batch fails, each is filed
 * alone. A run out of room stops (isCarryOver), removing nothing.
 */
export async function indexClosed(
  client: SlackAPIClient,
  tickets: readonly Ticket[],
): Promise<string[]> {
  const closed = tickets.filter((t) => t.status === "closed")
    .map(closedTicketOf);
  try {
    await addClosed(client, closed);
    return [];
  } catch (error) {
    if (isCarryOver(error)) throw error;
    console.warn("closed tickets not indexed together; one by one", error);
  }
  const failed: string[] = [];
  for (const ticket of closed) {
    try {
      await addClosed(client, [ticket]);
    } catch (error) {
      if (isCarryOver(error)) throw error;
      console.warn(`${ticket.id}: not indexed; the next run files it`, error);
      failed.push(ticket.id);
    }
  }
  return failed;
}

/**
 * One page of the catch-up walk: the closed tickets of an install that
 * predates the index join it. Done once; its place is kept in settings.
 */
export async function catchUpClosed(
  client: SlackAPIClient,
  budget: CallBudget,
  now: number,
): Promise<number> {
  const state = await getCatchUp(client);
  if (state.done) return 0;
  if (budget.remaining("apps.datastore.bulkPut") < 24) return 0;
  const page = await ticketPageAt(client, state.cursor, CATCH_UP_PAGE);
  const finished = page.tickets.map((t) => t.ticket).filter((t) =>
    t.status === "closed" && !hasWorkLeft(t, now)
  );
  // Past the cursor only once every ticket of the page is filed.
  const failed = await indexClosed(client, finished);
  if (failed.length) throw new Error(`not indexed: ${failed.join()}`);
  await putCatchUp(
    client,
    page.cursor ? { cursor: page.cursor } : { done: true },
  );
  return page.tickets.length;
}

/** The tickets merged into `kept` that still name it (ten at most a read). */
async function duplicatesOf(
  client: SlackAPIClient,
  kept: Ticket,
): Promise<Ticket[]> {
  const ids = await Promise.all(
    (kept.merged_from ?? []).map((key) =>
      findTicketId(client, lookupByKey(key))
    ),
  );
  const found = ids.filter((id): id is string => Boolean(id));
  if (!found.length) return [];
  const read = await ticketsById(client, found);
  return [...read.values()].map((r) => r.ticket).filter((t) =>
    t.merged_into === kept.id
  );
}

/**
 * Up to PURGED_PER_RUN closed tickets past the retention period, oldest
 * first, each re-checked under its lock. The index forgets a ticket once
 * it is purged, gone, or no longer closed on that day (reopened: it joins
 * again when it closes).
 */
export async function purgeExpired(
  client: SlackAPIClient,
  budget: CallBudget,
  settings: HelpdeskSettings,
  entries: Iterable<WorkEntry>,
  now: number,
): Promise<PhaseResult> {
  const days = settings.retention_days ?? 0;
  if (!(days > 0)) return { part: {}, cutShort: false, wrote: [] };
  const cutoff = purgeCutoff(days, now);
  const failures: RunFailure[] = [];
  const wrote: string[] = [];
  let purged = 0;
  const result = (cutShort: boolean, stopped?: unknown): PhaseResult => ({
    part: { purged, failures },
    cutShort,
    wrote,
    ...(stopped ? { stopped } : {}),
  });

  // Where each candidate was found: a day of the index, or the open work.
  const foundOn = new Map<string, string | undefined>();
  for (const entry of entries) {
    if (
      entry.status === "closed" && entry.closed_at !== undefined &&
      entry.closed_at < cutoff
    ) foundOn.set(entry.id, undefined);
  }
  const dueDays = (await closedDaysBefore(client, `${utcDay(cutoff)}~`))
    .slice(0, DAYS_PER_RUN);
  const lists = await readLists(client, dueDays.map(closedDay));
  for (const day of dueDays) {
    for (const id of lists.get(closedDay(day)) ?? []) {
      if (!foundOn.has(id)) foundOn.set(id, day);
    }
    if (foundOn.size >= PURGED_PER_RUN * 2) break;
  }
  const ids = [...foundOn.keys()].slice(0, PURGED_PER_RUN * 2);
  if (!ids.length) return result(false);
  const read = await ticketsById(client, ids);

  const forget = new Map<string, Set<string>>();
  const drop = (lookup: string, id: string) =>
    forget.set(lookup, (forget.get(lookup) ?? new Set()).add(id));
  const rejoin: Ticket[] = [];
  let cutShort = ids.length < foundOn.size;
  let stopped: unknown;
  /** One ticket purged if still due: "stop" when the run has no room. */
  const purgeOne = async (
    ticket: Ticket,
    isDue: (latest: Ticket) => boolean,
  ): Promise<"done" | "later" | "stop"> => {
    if (purged >= PURGED_PER_RUN || !roomFor(budget, PURGE_CALLS)) {
      cutShort = true;
      return "stop";
    }
    const outcome = await purgeTicket(
      client,
      ticket,
      { kind: "retention", days },
      isDue,
    );
    wrote.push(ticket.id);
    if (outcome.kind === "purged") {
      purged++;
      for (const person of peopleOf(ticket)) {
        drop(personTickets(person), ticket.id);
      }
    }
    if (outcome.kind === "busy" || outcome.kind === "unfinished") {
      cutShort = true;
      return "later";
    }
    return "done";
  };
  for (const id of ids) {
    const day = foundOn.get(id);
    const ticket = read.get(id)?.ticket;
    if (!ticket || ticket.status !== "closed") {
      if (day) drop(closedDay(day), id);
      continue;
    }
    if (day && utcDay(closedAt(ticket)) !== day) {
      // Reopened and closed again: filed under the day it closed now.
      drop(closedDay(day), id);
      rejoin.push(ticket);
      continue;
    }
    if (!isPurgeable(ticket, days, now)) continue;
    try {
      // A duplicate lives on in the ticket it was merged into: its
      // requester follows that one and still writes in this one's thread.
      // It waits for it (unlisted here) and goes with it, below.
      if (ticket.merged_into) {
        const kept = await getTicket(client, ticket.merged_into);
        if (kept && !isPurgeable(kept, days, now)) {
          if (day) drop(closedDay(day), id);
          continue;
        }
      }
      // The duplicates first, so that none outlives it unlisted.
      let waits = false;
      let full = false;
      for (const duplicate of await duplicatesOf(client, ticket)) {
        const outcome = await purgeOne(
          duplicate,
          (latest) =>
            latest.merged_into === ticket.id && latest.status === "closed",
        );
        if (outcome === "stop") {
          full = true;
          break;
        }
        if (outcome === "later") waits = true;
      }
      if (full) break;
      if (waits) continue;
      const outcome = await purgeOne(
        ticket,
        (latest) => isPurgeable(latest, days, now),
      );
      if (outcome === "stop") break;
      if (outcome === "later") continue;
      if (day) drop(closedDay(day), id);
    } catch (error) {
      if (isCarryOver(error)) {
        stopped = error;
        break;
      }
      failures.push({ key: ticket.key, error });
    }
  }
  // What was done is forgotten by the index even when the run stops: a
  // ticket purged but still listed is found gone next time, and dropped.
  try {
    await addClosed(client, rejoin.map(closedTicketOf));
    await removeFromLists(client, forget);
  } catch (error) {
    if (!isCarryOver(error)) throw error;
    stopped ??= error;
  }
  return result(cutShort, stopped);
}
