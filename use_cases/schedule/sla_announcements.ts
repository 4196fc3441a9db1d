// The SLA part of a scheduled run: announce the notices due on the tickets
// read, within Slack's posting rate (helpdesk/service_levels/notice_plan.ts),
// and say what to record on each ticket. Recording is the caller's: it
// re-reads the tickets first, so a change made meanwhile is kept.
//
// A notice counts as announced once its thread reply or its summary is
// posted; only then is it recorded, so a failed post is tried again by the
// next run, and a posted one is not repeated.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { SlaNoticeName, Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { SlaPolicy } from "../../helpdesk/service_levels/sla_policy.ts";
import {
  announcementsDue,
  withNoticesRecorded,
} from "../../helpdesk/tickets/service_levels.ts";
import {
  type DueNotice,
  planNotices,
} from "../../helpdesk/service_levels/notice_plan.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import {
  isBreach,
  slaEscalationDm,
  slaEscalationSummaryDm,
  slaSummary,
  slaThreadFollowUp,
  slaThreadNotice,
} from "../../slack/blocks/sla_messages.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import type { SlaAudiences } from "./sla_audience.ts";

/**
 * Messages one run posts to one channel, a second apart: a run has 10 s,
 * and this leaves time for everything else it does.
 */
export const POSTS_PER_CHANNEL = 6;

/** More breaches than this for one owner and queue come as one DM. */
const SEPARATE_DMS = 2;

export interface SlaStep {
  client: SlackAPIClient;
  settings: HelpdeskSettings;
  policy: SlaPolicy;
  audiences: SlaAudiences;
  now: number;
}

export interface SlaOutcome {
  /** Per ticket: bring a fresh copy of the ticket up to date. */
  record: Map<string, (fresh: Ticket) => Ticket>;
  notices: number;
  summaries: number;
  followUps: number;
  /** Thread replies left for later runs. */
  owed: number;
  failures: { key: string; error: unknown }[];
  /** True when Slack or the run's budget stopped some posts. */
  cutShort: boolean;
}

const key = (ticketId: string, notice: SlaNoticeName) =>
  `${ticketId} ${notice}`;

export async function announceDue(
  step: SlaStep,
  tickets: readonly Ticket[],
): Promise<SlaOutcome> {
  const { policy, now, audiences } = step;
  const outcome: SlaOutcome = {
    record: new Map(),
    notices: 0,
    summaries: 0,
    followUps: 0,
    owed: 0,
    failures: [],
    cutShort: false,
  };
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const due = new Map(
    tickets.map((t) => [t.id, announcementsDue(t, policy, now)]),
  );
  const notices: DueNotice[] = [];
  for (const ticket of tickets) {
    const base = {
      ticketId: ticket.id,
      channel: audiences.channelOf(ticket),
      queueId: audiences.queueOf(ticket).id,
    };
    for (const notice of due.get(ticket.id)!.send) {
      notices.push({ ...base, notice, owed: false });
    }
    for (const notice of ticket.sla_thread_owed ?? []) {
      notices.push({ ...base, notice, owed: true });
    }
  }
  const plan = planNotices(notices, POSTS_PER_CHANNEL);
  const announced = new Set<string>();
  const repliedTo = new Set<string>();
  const failed = new Set<string>();

  const post = async (
    args: Record<string, unknown>,
    ticketIds: string[],
  ): Promise<boolean> => {
    try {
      await slackCall(step.client, "chat.postMessage", {
        ...args,
        unfurl_links: false,
      });
      return true;
    } catch (error) {
      if (isCarryOver(error)) outcome.cutShort = true;
      else {
        for (const id of ticketIds) {
          failed.add(id);
          outcome.failures.push({ key: byId.get(id)!.key, error });
        }
      }
      return false;
    }
  };

  // Each channel's messages in order (summaries first), channels at once;
  // the run's budget spaces the posts to one channel a second apart.
  const channels = new Set(notices.map((n) => n.channel));
  await Promise.all([...channels].map(async (channel) => {
    for (const summary of plan.summaries.filter((s) => s.channel === channel)) {
      const queue = audiences.queueOf(byId.get(summary.notices[0].ticketId)!);
      const items = await Promise.all(summary.notices.map(async (n) => {
        const ticket = byId.get(n.ticketId)!;
        return {
          ticket,
          notice: n.notice,
          audience: await audiences.audienceOf(ticket),
        };
      }));
      const ids = summary.notices.map((n) => n.ticketId);
      if (await post({ channel, text: slaSummary(queue.name, items) }, ids)) {
        outcome.summaries++;
        for (const n of summary.notices) {
          announced.add(key(n.ticketId, n.notice));
        }
      }
    }
    for (const n of plan.announce.filter((n) => n.channel === channel)) {
      const ticket = byId.get(n.ticketId)!;
      const text = slaThreadNotice(
        ticket,
        n.notice,
        await audiences.audienceOf(ticket),
      );
      if (await post(inThread(ticket, channel, text), [n.ticketId])) {
        announced.add(key(n.ticketId, n.notice));
        repliedTo.add(key(n.ticketId, n.notice));
      }
    }
    for (const n of plan.followUps.filter((n) => n.channel === channel)) {
      // A follow-up for a notice whose summary failed would be its only
      // announcement, quietly: it waits for a summary instead.
      if (!n.owed && !announced.has(key(n.ticketId, n.notice))) continue;
      const ticket = byId.get(n.ticketId)!;
      const text = slaThreadFollowUp(ticket, n.notice);
      if (await post(inThread(ticket, channel, text), [n.ticketId])) {
        repliedTo.add(key(n.ticketId, n.notice));
        outcome.followUps++;
      }
    }
  }));

  // What to record, ticket by ticket: every notice due was announced, or
  // none is recorded (the next run tries again).
  const breaches: { ticket: Ticket; notice: SlaNoticeName }[] = [];
  for (const ticket of tickets) {
    const { send, ticket: scheduled } = due.get(ticket.id)!;
    const allAnnounced = !failed.has(ticket.id) &&
      send.every((n) => announced.has(key(ticket.id, n)));
    const sent = allAnnounced ? scheduled.sla_notices ?? [] : [];
    const owed = [
      ...(ticket.sla_thread_owed ?? []),
      ...(allAnnounced ? send : []),
    ].filter((n) => !repliedTo.has(key(ticket.id, n)));
    if (allAnnounced) {
      outcome.notices += send.length;
      for (const notice of send.filter(isBreach)) {
        breaches.push({ ticket, notice });
      }
    }
    outcome.owed += owed.length;
    outcome.record.set(
      ticket.id,
      (fresh) => withNoticesRecorded(fresh, sent, owed, policy, now),
    );
  }
  await escalate(step, breaches, outcome);
  return outcome;
}

function inThread(ticket: Ticket, channel: string, text: string) {
  return {
    channel,
    ...(ticket.card_ts && ticket.card_channel === channel
      ? { thread_ts: ticket.card_ts }
      : {}),
    text,
  };
}

/**
 * Breaches to their queues' owners by DM (one DM for many), and each
 * breached card redrawn. Neither undoes the announcement when it fails.
 */
async function escalate(
  step: SlaStep,
  breaches: { ticket: Ticket; notice: SlaNoticeName }[],
  outcome: SlaOutcome,
) {
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
  for (const result of await Promise.allSettled(sends)) {
    if (result.status === "rejected") {
      if (isCarryOver(result.reason)) outcome.cutShort = true;
      console.warn("SLA escalation not fully shown", result.reason);
    }
  }
}
