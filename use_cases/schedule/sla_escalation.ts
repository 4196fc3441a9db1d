// The SLA breaches a scheduled run announced, taken further: each to its
// queue's owner by DM (many at once as one DM), and each breached card
// redrawn to show it. Apart from sla_announcements.ts because it happens
// only after the announcements are posted and recorded, and never undoes
// them: a failure here is logged and, when the run's budget stopped it,
// reported as cut short.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { SlaNoticeName, Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import {
  slaEscalationDm,
  slaEscalationSummaryDm,
} from "../../slack/blocks/sla_messages.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import type { SlaAudiences } from "./sla_audience.ts";

/** More breaches than this for one owner and queue come as one DM. */
const SEPARATE_DMS = 2;

export interface Breach {
  ticket: Ticket;
  notice: SlaNoticeName;
}

/** What escalating needs of the run (a part of sla_announcements' SlaStep). */
interface EscalationStep {
  client: SlackAPIClient;
  settings: HelpdeskSettings;
  audiences: SlaAudiences;
  now: number;
}

/**
 * Breaches to their queues' owners by DM (one DM for many), and each
 * breached card redrawn. Neither undoes the announcement when it fails.
 * True when Slack or the run's budget stopped some of it.
 */
export async function escalate(
  step: EscalationStep,
  breaches: Breach[],
): Promise<boolean> {
  const { client, settings, audiences, now } = step;
  const groups = new Map<string, typeof breaches>();
  for (const breach of breaches) {
    const { owner } = audiences.escalationOf(breach.ticket);
    if (!owner) continue;
    const group = `${owner} ${audiences.queueOf(breach.ticket).id}`;
    groups.set(group, [...groups.get(group) ?? [], breach]);
  }
  const link = (ticket: Ticket) =>
    cardLinkOf(ticket, settings.workspace_url) ?? settings.workspace_url;
  const sends: Promise<unknown>[] = [];
  for (const group of groups.values()) {
    const { owner, reason } = audiences.escalationOf(group[0].ticket);
    const quote = await Promise.all(
      group.map(({ ticket }) => audiences.mayQuote(ticket, owner!)),
    );
    const texts = group.length > SEPARATE_DMS
      ? [slaEscalationSummaryDm(
        group.map((b, i) => ({
          ...b,
          cardLink: link(b.ticket),
          mayQuote: quote[i],
        })),
        reason,
      )]
      : group.map(({ ticket, notice }, i) =>
        slaEscalationDm(ticket, notice, link(ticket), reason, quote[i])
      );
    sends.push((async () => {
      for (const text of texts) {
        await slackCall(client, "chat.postMessage", {
          channel: owner,
          text,
          unfurl_links: false,
        });
      }
    })());
  }
  // The card shows the breach too.
  for (const { ticket } of breaches) {
    sends.push(redrawTicketCard(client, settings, ticket, now));
  }
  let cutShort = false;
  for (const result of await Promise.allSettled(sends)) {
    if (result.status === "rejected") {
      if (isCarryOver(result.reason)) cutShort = true;
      console.warn("SLA escalation not fully shown", result.reason);
    }
  }
  return cutShort;
}
