// The SLA part of a scheduled run: announce the notices due on the tickets
// read, within Slack's posting rate (helpdesk/service_levels/notice_plan.ts),
// and say what to record on each ticket. Recording is the caller's: it
// re-reads the tickets first, so a change made meanwhile is kept.
//
// A notice counts as announced once its thread reply or its summary is
// posted; only then is it recorded, so a failed post is tried again by the
// next run, and a posted one is not repeated. Breaches announced are then
// escalated to their queues' owners (sla_escalation.ts).
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
import { getTicket } from "../../slack/storage/ticket_store.ts";
import { ticketsById } from "../../slack/storage/ticket_queries.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";
import {
  isBreach,
  slaSummary,
  slaThreadFollowUp,
  slaThreadNotice,
} from "../../slack/blocks/sla_messages.ts";
import type { SlaAudiences } from "./sla_audience.ts";
import { type Breach, escalate } from "./sla_escalation.ts";

/**
 * Messages one run posts to one channel, a second apart: a run has 10 s,
 * and this leaves time for everything else it does.
 */
export const POSTS_PER_CHANNEL = 6;

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

type DueByTicket = Map<string, ReturnType<typeof announcementsDue>>;

/** What the posts did: keys (ticket and notice) announced and replied to. */
interface Posted {
  announced: Set<string>;
  repliedTo: Set<string>;
  /** Tickets a post failed for: none of their notices is recorded. */
  failed: Set<string>;
  /** Keys no longer due when read again just before their post. */
  stale: Set<string>;
  summaries: number;
  followUps: number;
  failures: { key: string; error: unknown }[];
  cutShort: boolean;
}

/** Tickets' records, once the posts are known. */
interface Recorded {
  record: Map<string, (fresh: Ticket) => Ticket>;
  notices: number;
  owed: number;
  breaches: Breach[];
}

export async function announceDue(
  step: SlaStep,
  tickets: readonly Ticket[],
): Promise<SlaOutcome> {
  const due: DueByTicket = new Map(
    tickets.map((t) => [t.id, announcementsDue(t, step.policy, step.now)]),
  );
  const notices = noticesDue(tickets, due, step.audiences);
  // Each ticket as last read: its notices are told of it as it is then.
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const posted = await postNotices(step, byId, notices);
  const recorded = recordsOf(tickets, due, posted, step, byId);
  const escalationCutShort = await escalate(step, recorded.breaches);
  return {
    record: recorded.record,
    notices: recorded.notices,
    summaries: posted.summaries,
    followUps: posted.followUps,
    owed: recorded.owed,
    failures: posted.failures,
    cutShort: posted.cutShort || escalationCutShort,
  };
}

/** Every notice due on the tickets, and every thread reply still owed. */
function noticesDue(
  tickets: readonly Ticket[],
  due: DueByTicket,
  audiences: SlaAudiences,
): DueNotice[] {
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
  return notices;
}

/**
 * Each channel's messages in order (summaries first), channels at once;
 * the run's budget spaces the posts to one channel a second apart.
 */
async function postNotices(
  step: SlaStep,
  byId: Map<string, Ticket>,
  notices: DueNotice[],
): Promise<Posted> {
  const posted: Posted = {
    announced: new Set(),
    repliedTo: new Set(),
    failed: new Set(),
    stale: new Set(),
    summaries: 0,
    followUps: 0,
    failures: [],
    cutShort: false,
  };
  const plan = planNotices(notices, POSTS_PER_CHANNEL);
  const channels = new Set(notices.map((n) => n.channel));
  await Promise.all(
    [...channels].map((channel) =>
      postToChannel(step, channel, plan, byId, posted)
    ),
  );
  return posted;
}

/** One channel's summaries, then thread notices, then follow-ups. */
async function postToChannel(
  step: SlaStep,
  channel: string,
  plan: ReturnType<typeof planNotices>,
  byId: Map<string, Ticket>,
  posted: Posted,
) {
  const { audiences } = step;
  const post = async (args: Record<string, unknown>, ticketIds: string[]) => {
    try {
      await slackCall(step.client, "chat.postMessage", {
        ...args,
        unfurl_links: false,
      });
      return true;
    } catch (error) {
      if (isCarryOver(error)) posted.cutShort = true;
      else {
        for (const id of ticketIds) {
          posted.failed.add(id);
          posted.failures.push({ key: byId.get(id)!.key, error });
        }
      }
      return false;
    }
  };
  for (const summary of plan.summaries.filter((s) => s.channel === channel)) {
    const queue = audiences.queueOf(byId.get(summary.notices[0].ticketId)!);
    const due = await stillDue(step, channel, summary.notices, posted, byId);
    if (!due.length) continue;
    const items = await Promise.all(due.map(async (n) => {
      const ticket = byId.get(n.ticketId)!;
      return {
        ticket,
        notice: n.notice,
        audience: await audiences.audienceOf(ticket),
      };
    }));
    const ids = due.map((n) => n.ticketId);
    if (await post({ channel, text: slaSummary(queue.name, items) }, ids)) {
      posted.summaries++;
      for (const n of due) {
        posted.announced.add(key(n.ticketId, n.notice));
      }
    }
  }
  for (const n of plan.announce.filter((n) => n.channel === channel)) {
    if (!(await stillDue(step, channel, [n], posted, byId)).length) continue;
    const ticket = byId.get(n.ticketId)!;
    const text = slaThreadNotice(
      ticket,
      n.notice,
      await audiences.audienceOf(ticket),
    );
    if (await post(inThread(ticket, channel, text), [n.ticketId])) {
      posted.announced.add(key(n.ticketId, n.notice));
      posted.repliedTo.add(key(n.ticketId, n.notice));
    }
  }
  for (const n of plan.followUps.filter((n) => n.channel === channel)) {
    // A follow-up for a notice whose summary failed would be its only
    // announcement, quietly: it waits for a summary instead.
    if (!n.owed && !posted.announced.has(key(n.ticketId, n.notice))) continue;
    const ticket = byId.get(n.ticketId)!;
    const text = slaThreadFollowUp(ticket, n.notice);
    if (await post(inThread(ticket, channel, text), [n.ticketId])) {
      posted.repliedTo.add(key(n.ticketId, n.notice));
      posted.followUps++;
    }
  }
}

/**
 * What to record, ticket by ticket: every notice due was announced, or
 * none is recorded (the next run tries again).
 */
function recordsOf(
  tickets: readonly Ticket[],
  due: DueByTicket,
  posted: Posted,
  { policy, now }: SlaStep,
  byId: Map<string, Ticket>,
): Recorded {
  const recorded: Recorded = {
    record: new Map(),
    notices: 0,
    owed: 0,
    breaches: [],
  };
  for (const ticket of tickets) {
    // A notice found no longer due is left out of both.
    const live = (n: SlaNoticeName) => !posted.stale.has(key(ticket.id, n));
    const { ticket: scheduled } = due.get(ticket.id)!;
    const send = due.get(ticket.id)!.send.filter(live);
    const allAnnounced = !posted.failed.has(ticket.id) &&
      send.every((n) => posted.announced.has(key(ticket.id, n)));
    const sent = allAnnounced ? (scheduled.sla_notices ?? []).filter(live) : [];
    const owed = [
      ...(ticket.sla_thread_owed ?? []),
      ...(allAnnounced ? send : []),
    ].filter((n) => !posted.repliedTo.has(key(ticket.id, n)));
    if (allAnnounced) {
      recorded.notices += send.length;
      for (const notice of send.filter(isBreach)) {
        recorded.breaches.push({ ticket: byId.get(ticket.id)!, notice });
      }
    }
    recorded.owed += owed.length;
    recorded.record.set(
      ticket.id,
      (fresh) => withNoticesRecorded(fresh, sent, owed, policy, now),
    );
  }
  return recorded;
}

/**
 * Of these notices, those still due on their tickets read again just
 * before the post: the run read them seconds earlier, and a click saved
 * since (resolved, waiting on the requester, moved, or a run at the same
 * time that announced it) makes a notice untrue. One no longer due is
 * neither posted nor recorded: the next run decides on the ticket as it
 * is then. A read that fails leaves them all to the next run.
 */
async function stillDue(
  { client, audiences, policy, now }: SlaStep,
  channel: string,
  notices: DueNotice[],
  posted: Posted,
  byId: Map<string, Ticket>,
): Promise<DueNotice[]> {
  try {
    const [{ ticketId }, more] = notices;
    // One ticket by `get` (Tier 4), a summary's by `bulkGet` (Tier 3).
    const read = more
      ? await ticketsById(client, notices.map((n) => n.ticketId))
      : new Map([[ticketId, { ticket: await getTicket(client, ticketId) }]]);
    return notices.filter((n) => {
      const fresh = read.get(n.ticketId)?.ticket;
      const due = !!fresh && audiences.channelOf(fresh) === channel &&
        announcementsDue(fresh, policy, now).send.includes(n.notice);
      if (due) byId.set(n.ticketId, fresh);
      else posted.stale.add(key(n.ticketId, n.notice));
      return due;
    });
  } catch (error) {
    if (!isCarryOver(error)) console.warn("SLA notices not re-read", error);
    posted.cutShort = true;
    return [];
  }
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
