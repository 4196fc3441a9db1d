// What the scheduled check finishes when nobody retried: tickets saved but
// never shown (opening failed half-way, see open_ticket.ts), cards whose
// last redraw failed (see publish_change.ts; a moved ticket's old cards
// too), messages Slack refused for a passing reason (see outbox.ts) and
// merged tickets a requester's close released but that failed to reopen
// (see release_repair.ts). Each is picked up only once
// any run that could still be working on it has timed out. The scheduled
// run finds them in the open work index (their flags are in it), never by
// scanning the tickets.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { repairDue } from "../../helpdesk/tickets/open_work.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { ticketsById } from "../../slack/storage/ticket_queries.ts";
import { readWorkTable } from "../../slack/storage/work_store.ts";
import { finishOpening } from "../opening/finish_opening.ts";
import { show } from "../opening/ticket_showing.ts";
import {
  redrawPreviousCards,
  redrawTicketCard,
} from "../../slack/workspace/triage_card.ts";
import { getQueue } from "../../slack/storage/queue_store.ts";
import { flushOutbox } from "../../slack/workspace/outbox.ts";
import {
  STALE_AFTER_SECONDS,
  withTicketLock,
} from "../../slack/storage/ticket_lock.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import { finishRelease } from "../changes/release_repair.ts";

export interface RepairReport {
  finished: number;
  redrawn: number;
  /** Messages kept after a passing failure, sent now. */
  resent: number;
  /** Released tickets still closed, tried again. */
  released: number;
  failures: { key: string; error: unknown }[];
}

/** Openings saved before this and still not shown were abandoned. */
export const abandonedBefore = (now: number) => now - STALE_AFTER_SECONDS;

/** Repairs these tickets (as read just now), one by one, while time lasts. */
export async function repairTickets(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  tickets: readonly Ticket[],
  now: number,
  outOfTime: () => boolean,
): Promise<RepairReport & { complete: boolean }> {
  const report: RepairReport = {
    finished: 0,
    redrawn: 0,
    resent: 0,
    released: 0,
    failures: [],
  };
  for (const ticket of tickets) {
    if (outOfTime()) return { ...report, complete: false };
    try {
      if (ticket.setup_pending) {
        if (ticket.created_at > abandonedBefore(now)) continue;
        await finishOpening(client, settings, ticket, show, { resumed: true });
        report.finished++;
        continue;
      }
      if (ticket.release_due) {
        // Under each released ticket's own lock; what is owed is settled
        // under the kept one's (merged_release.ts).
        const { tried, notShown } = await finishRelease(
          client,
          settings,
          ticket,
          now,
        );
        report.released += tried;
        for (const error of notShown) {
          report.failures.push({ key: ticket.key, error });
        }
      }
      if (!ticket.card_redraw_due && !ticket.outbox_due) continue;
      const done = await withTicketLock(client, ticket, async (latest) => {
        if (!latest) return;
        if (latest.card_redraw_due) {
          await redrawTicketCard(client, settings, latest, now);
          if (latest.previous_cards) {
            const queue = await getQueue(client, latest.queue_id, settings);
            await redrawPreviousCards(
              client,
              settings,
              latest,
              queue?.name ?? "another",
            );
          }
          await updateTicketFields(client, latest.id, {
            card_redraw_due: false,
          });
          report.redrawn++;
        }
        if (latest.outbox_due) {
          report.resent += await flushOutbox(client, latest);
        }
      }, { waitMs: 1000 });
      if (!done.ok) continue; // busy: the next check
    } catch (error) {
      if (isCarryOver(error)) return { ...report, complete: false };
      report.failures.push({ key: ticket.key, error });
    }
  }
  return { ...report, complete: true };
}

/**
 * Everything left half-done, found through the open work index: what the
 * scheduled run does in its pass, on its own.
 */
export async function repairStalledTickets(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  now: number,
  outOfTime: () => boolean,
): Promise<RepairReport & { complete: boolean }> {
  const { entries } = await readWorkTable(client);
  const rules = {
    now,
    autoCloseDays: 0,
    slaUpdatedAt: 0,
    abandonedBefore: abandonedBefore(now),
  };
  const due = [...entries.values()].filter((e) => repairDue(e, rules));
  const read = await ticketsById(client, due.map((e) => e.id));
  return await repairTickets(
    client,
    settings,
    [...read.values()].map((r) => r.ticket),
    now,
    outOfTime,
  );
}
