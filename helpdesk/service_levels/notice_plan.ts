// How a scheduled run delivers the SLA notices due, within Slack's posting
// rate: about one message a second to a channel. A channel with no more new
// notices than the run can post there gets each in its ticket's thread. A
// burst (after an outage of the schedule, or a change of targets) gets one
// summary per queue at once, and each ticket's own thread reply follows at
// the channel's pace, in this run and the next ones. Plain data.
import type { SlaNoticeName } from "../tickets/model.ts";

export interface DueNotice {
  ticketId: string;
  /** Where the ticket's thread is (its card's channel). */
  channel: string;
  queueId: string;
  notice: SlaNoticeName;
  /** Announced in an earlier summary; only the thread reply is left. */
  owed: boolean;
}

export interface NoticePlan {
  /** New notices that get their own thread reply, mentions and all. */
  announce: DueNotice[];
  /** One message per channel and queue, for the new notices of a burst. */
  summaries: { channel: string; queueId: string; notices: DueNotice[] }[];
  /** Thread replies for notices a summary announced (now or before). */
  followUps: DueNotice[];
  /** Thread replies left for a later run. */
  deferred: DueNotice[];
}

/**
 * `postsPerChannel`: how many messages the run may post to one channel. A
 * summary takes one of them; follow-ups take what is left, oldest first.
 */
export function planNotices(
  notices: readonly DueNotice[],
  postsPerChannel: number,
): NoticePlan {
  const plan: NoticePlan = {
    announce: [],
    summaries: [],
    followUps: [],
    deferred: [],
  };
  const byChannel = new Map<string, DueNotice[]>();
  for (const notice of notices) {
    const list = byChannel.get(notice.channel) ?? [];
    list.push(notice);
    byChannel.set(notice.channel, list);
  }
  for (const [channel, list] of byChannel) {
    const fresh = list.filter((n) => !n.owed);
    const owed = list.filter((n) => n.owed);
    let slots = postsPerChannel;
    let followUps = owed;
    if (fresh.length > slots) {
      const byQueue = new Map<string, DueNotice[]>();
      for (const notice of fresh) {
        byQueue.set(notice.queueId, [
          ...byQueue.get(notice.queueId) ?? [],
          notice,
        ]);
      }
      for (const [queueId, queued] of byQueue) {
        plan.summaries.push({ channel, queueId, notices: queued });
      }
      slots = Math.max(0, slots - byQueue.size);
      followUps = [...owed, ...fresh];
    } else {
      plan.announce.push(...fresh);
      slots -= fresh.length;
    }
    plan.followUps.push(...followUps.slice(0, slots));
    plan.deferred.push(...followUps.slice(slots));
  }
  return plan;
}
