// A queue in words, for the DM that confirms a change to it, and what the
// "Configure a queue" form got wrong. Everything an admin typed (the name,
// role rules, a stray macro) is escaped: these DMs are mrkdwn.
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  describeHolidays,
  parseHolidays,
} from "../../helpdesk/service_levels/holidays.ts";
import { parseEntry } from "../../helpdesk/queues/role_entries.ts";
import {
  channelMention,
  escapeMrkdwn,
  userGroupMention,
  userMention,
} from "./mrkdwn.ts";

export function describeQueue(
  queue: Queue,
  now = Math.floor(Date.now() / 1000),
): string {
  const list = (entries: string[]) =>
    entries.length ? entries.map(mention).join(", ") : "nobody";
  return [
    `*${escapeMrkdwn(queue.name)}* queue: cards in ${
      channelMention(queue.triage_channel)
    }`,
    `• Owner: ${queue.owner ? userMention(queue.owner) : "nobody"}`,
    `• Members: ${list(queue.members)}`,
    `• Admins: ${list(queue.admins)}`,
    `• Superusers: ${list(queue.superusers)}`,
    `• Tickets by reaction in: ${
      queue.intake_channels.length
        ? queue.intake_channels.map(channelMention).join(", ")
        : "no channel"
    }`,
    ...(queue.holidays
      ? [`• Holidays: ${holidaysOf(queue.holidays, now)}`]
      : []),
  ].join("\n");
}

function holidaysOf(text: string, now: number): string {
  const parsed = parseHolidays(text);
  return parsed.ok
    ? describeHolidays(parsed.days, Math.floor(now / 86_400))
    : "unreadable, so none count: open the queue's form to fix them";
}

function mention(text: string): string {
  const entry = parseEntry(text);
  switch (entry?.kind) {
    case "user":
      return userMention(entry.id);
    case "usergroup":
      return userGroupMention(entry.id);
    case "channel":
      return `everyone in ${channelMention(entry.id)}`;
    default:
      // A macro, or whatever an older version stored: shown as written.
      return `\`${escapeMrkdwn(text)}\``;
  }
}

/** "The queues are: …", for a name that found none. */
export function queueList(queues: readonly Queue[]): string {
  return `The queues are: ${
    queues.map((q) => `“${escapeMrkdwn(q.name)}”`).join(", ")
  }.`;
}
