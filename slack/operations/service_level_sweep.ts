// The SLA sweep, run by scheduled triggers: announce warnings and breaches
// that have come due, then close tickets resolved long enough ago.
//
// It reads only what is due: every ticket write stores `sla_next_check_at`
// (helpdesk/tickets/service_levels.ts), so one filtered query finds the tickets to
// look at, however many are open. Work stops at a time budget well inside
// Slack's 15 s limit for `slack run`; whatever is left is still due and the
// next run takes it. A notice is saved right after it is posted, in batches,
// so a notice is not repeated by the next run.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { SlaNoticeName, Ticket } from "../../helpdesk/tickets/model.ts";
import { announcementsDue } from "../../helpdesk/tickets/service_levels.ts";
import { autoClose } from "../../helpdesk/tickets/auto_close.ts";
import type { SlaPolicy } from "../../helpdesk/service_levels/sla_policy.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { putTickets, ticketPages } from "../storage/ticket_queries.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import {
  isBreach,
  slaEscalationDm,
  slaThreadNotice,
} from "../blocks/sla_messages.ts";
import { cardLinkOf } from "../blocks/ticket_messages.ts";
import { redrawTicketCard } from "./triage_card.ts";
import { changeUnderLock } from "./change_ticket.ts";

export interface SweepOptions {
  policy: SlaPolicy;
  autoCloseDays: number;
  /** Milliseconds of work before leaving the rest to the next run. */
  budgetMs?: number;
  /** Milliseconds, for the budget; injectable so tests need not wait. */
  clock?: () => number;
}

export interface SweepReport {
  /** Due tickets looked at. */
  examined: number;
  notices: number;
  autoClosed: number;
  /** False when the budget or a rate limit stopped the run early. */
  finished: boolean;
  /** Per-ticket failures, reported and left due for the next run. */
  failures: { key: string; error: unknown }[];
}

/** Leaves ~5 s of Slack's 15 s `slack run` limit for the last calls. */
export const DEFAULT_BUDGET_MS = 10_000;

export async function sweepServiceLevels(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  now: number,
  options: SweepOptions,
): Promise<SweepReport> {
  const clock = options.clock ?? Date.now;
  const stopAt = clock() + (options.budgetMs ?? DEFAULT_BUDGET_MS);
  const report: SweepReport = {
    examined: 0,
    notices: 0,
    autoClosed: 0,
    finished: false,
    failures: [],
  };
  const owner = settings.owner ?? settings.updated_by;

  const pages = ticketPages(client, dueForCheck(settings, now));
  for await (const page of pages) {
    const announced: Ticket[] = [];
    try {
      for (const due of page) {
        if (clock() >= stopAt) return report;
        report.examined++;
        const { ticket, send } = announcementsDue(due, options.policy, now);
        try {
          for (const notice of send) {
            await announce(client, settings, ticket, notice, owner, now);
            report.notices++;
          }
        } catch (error) {
          if (isRateLimit(error)) throw error;
          report.failures.push({ key: due.key, error });
          continue;
        }
        announced.push(ticket);
      }
    } catch (error) {
      if (!isRateLimit(error)) throw error;
      // Slack asked us to slow down: stop here, the next run carries on.
      console.warn("SLA sweep rate limited; the next run continues", error);
      return report;
    } finally {
      await putTickets(client, announced);
    }
  }

  if (options.autoCloseDays > 0) {
    const closed = await closeResolvedTickets(
      client,
      settings,
      now,
      options.autoCloseDays,
      () => clock() >= stopAt,
    );
    report.autoClosed = closed.count;
    if (!closed.finished) return report;
  }
  report.finished = true;
  return report;
}

async function announce(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  notice: SlaNoticeName,
  owner: string,
  now: number,
) {
  const audience = {
    assignee: ticket.assignee,
    agentUsers: settings.agent_users,
    agentGroup: settings.agent_usergroup,
    owner,
  };
  const channel = ticket.card_channel ?? settings.triage_channel;
  await slackCall(client, "chat.postMessage", {
    channel,
    ...(ticket.card_ts ? { thread_ts: ticket.card_ts } : {}),
    text: slaThreadNotice(ticket, notice, audience),
  });
  if (!isBreach(notice)) return;
  const link = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  // The card shows the breach too; its failure must not hide the DM.
  await Promise.all([
    slackCall(client, "chat.postMessage", {
      channel: owner,
      text: slaEscalationDm(ticket, notice, link),
      unfurl_links: false,
    }),
    redrawTicketCard(client, settings, ticket, now).catch((error) =>
      console.warn(`${ticket.key}: card not redrawn`, error)
    ),
  ]);
}

async function closeResolvedTickets(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  now: number,
  days: number,
  outOfTime: () => boolean,
): Promise<{ count: number; finished: boolean }> {
  let count = 0;
  const pages = ticketPages(client, {
    expression: "#status = :resolved AND #resolved_at <= :cutoff",
    attributes: { "#status": "status", "#resolved_at": "resolved_at" },
    values: { ":resolved": "resolved", ":cutoff": now - days * 86_400 },
  });
  for await (const page of pages) {
    for (const ticket of page) {
      if (outOfTime()) return { count, finished: false };
      if (!autoClose(ticket, days, now)) continue;
      try {
        // Under the ticket's lock, on the ticket as it is now: someone may
        // have reopened it since this page was read. Busy: the next run.
        const closed = await changeUnderLock(
          client,
          settings,
          ticket,
          (latest) => {
            const change = autoClose(latest, days, now);
            return change
              ? { ok: true, change }
              : { ok: false, reason: "no longer due to close" };
          },
          { now, lock: { waitMs: 1000 } },
        );
        if (closed.ok) count++;
      } catch (error) {
        if (isRateLimit(error)) return { count, finished: false };
        console.error(`${ticket.key}: not closed automatically`, error);
      }
    }
  }
  return { count, finished: true };
}

/**
 * Tickets whose next check has come, and open tickets whose deadlines were
 * computed before the service levels last changed (or never were).
 */
export function dueForCheck(settings: HelpdeskSettings, now: number) {
  return {
    expression: "#next <= :now OR (#status IN (:new, :in_progress, :waiting)" +
      " AND (attribute_not_exists(#policy_at) OR #policy_at < :changed))",
    attributes: {
      "#next": "sla_next_check_at",
      "#status": "status",
      "#policy_at": "sla_policy_at",
    },
    values: {
      ":now": now,
      ":new": "new",
      ":in_progress": "in_progress",
      ":waiting": "waiting_on_requester",
      ":changed": settings.sla_updated_at ?? 0,
    },
  };
}

function isRateLimit(error: unknown): boolean {
  return error instanceof SlackCallError && error.code === "ratelimited";
}
