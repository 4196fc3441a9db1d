// What the scheduled check finishes when nobody retried: tickets saved but
// never shown (opening failed half-way, see open_ticket.ts), cards whose
// last redraw failed (see publish_change.ts; a moved ticket's old cards too) and messages Slack refused for
// a passing reason (see outbox.ts). Each is picked up only once
// any run that could still be working on it has timed out.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { ticketPages } from "../storage/ticket_queries.ts";
import { getTicket, updateTicketFields } from "../storage/ticket_store.ts";
import { finishOpening } from "./finish_opening.ts";
import { redrawPreviousCards, redrawTicketCard } from "./triage_card.ts";
import { getQueue } from "../storage/queue_store.ts";
import { flushOutbox } from "./outbox.ts";
import { STALE_AFTER_SECONDS, withTicketLock } from "./ticket_lock.ts";

export interface RepairReport {
  finished: number;
  redrawn: number;
  /** Messages kept after a passing failure, sent now. */
  resent: number;
  failures: { key: string; error: unknown }[];
}

/** Saved-but-unshown tickets old enough that no run still works on them. */
export function stalledFilter(now: number) {
  return {
    expression: "(#pending = :yes AND #created <= :cutoff) OR " +
      "#redraw = :yes OR #outbox = :yes",
    attributes: {
      "#pending": "setup_pending",
      "#created": "created_at",
      "#redraw": "card_redraw_due",
      "#outbox": "outbox_due",
    },
    values: { ":yes": true, ":cutoff": now - STALE_AFTER_SECONDS },
  };
}

export async function repairStalledTickets(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  now: number,
  outOfTime: () => boolean,
): Promise<RepairReport & { complete: boolean }> {
  const report: RepairReport = {
    finished: 0,
    redrawn: 0,
    resent: 0,
    failures: [],
  };
  for await (const page of ticketPages(client, stalledFilter(now))) {
    for (const ticket of page) {
      if (outOfTime()) return { ...report, complete: false };
      try {
        if (ticket.setup_pending) {
          await finishOpening(client, settings, ticket, { resumed: true });
          report.finished++;
          continue;
        }
        const done = await withTicketLock(client, ticket, async () => {
          const latest = await getTicket(client, ticket.id);
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
        report.failures.push({ key: ticket.key, error });
      }
    }
  }
  return { ...report, complete: true };
}
