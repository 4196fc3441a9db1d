// The History… modal: who changed what and when, newest first. Times are
// Slack date tokens, which each reader's client shows in their own time zone
// (docs.slack.dev/messaging/formatting-message-text, "Date formatting");
// people are mentions; everything typed by people (summaries, categories,
// reasons, queue names) is escaped.
import type { KnownBlock, ModalView } from "@slack/types";
import {
  PRIORITY_LABELS,
  STATUS_LABELS,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";
import type { HistoryEntry } from "../../helpdesk/tickets/ticket_history.ts";
import {
  type HistoryView,
  isStatusName,
} from "../../helpdesk/tickets/history_view.ts";
import { isPriority } from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwnWithin, slackDateTime, userMention } from "./mrkdwn.ts";

/** Names of queues by id, for moves; an unknown id is shown as it is. */
export type QueueNames = ReadonlyMap<string, string>;

const quote = (text: string | undefined) =>
  text ? `“${escapeMrkdwnWithin(text, 120)}”` : "nothing";

const statusWord = (value: string | undefined) =>
  isStatusName(value) ? `*${STATUS_LABELS[value]}*` : quote(value);

const person = (id: string | undefined) => id ? userMention(id) : "nobody";

const APPROVAL_WORDS: Record<string, string> = {
  pending: "waiting for approval",
  approved: "approved",
  denied: "denied",
};

/** One change in words, without who and when. */
export function changeWords(entry: HistoryEntry, queues: QueueNames): string {
  switch (entry.kind) {
    case "status":
      return `status ${statusWord(entry.from)} → ${statusWord(entry.to)}`;
    case "assignee":
      return entry.to
        ? `assigned to ${person(entry.to)}` +
          (entry.from ? ` (was ${person(entry.from)})` : "")
        : `unassigned ${person(entry.from)}`;
    case "edit":
      if (entry.field === "description") return "edited the description";
      if (entry.field === "priority") {
        const label = (v?: string) =>
          isPriority(v) ? `*${PRIORITY_LABELS[v]}*` : quote(v);
        return `priority ${label(entry.from)} → ${label(entry.to)}`;
      }
      return `${escapeMrkdwnWithin(entry.field ?? "field", 20)} ${
        quote(entry.from)
      } → ${quote(entry.to)}`;
    case "move": {
      const name = (id?: string) =>
        quote(queues.get(id ?? "") ?? id ?? "the default queue");
      return `moved from ${name(entry.from)} to ${name(entry.to)}`;
    }
    case "merge":
      return `merged into ${quote(entry.to)} as a duplicate`;
    case "merged_in":
      return `${quote(entry.from)} merged into this ticket`;
    case "unmerge":
      return entry.to
        ? `${quote(entry.to)} unmerged from this ticket`
        : `unmerged from ${quote(entry.from)}`;
    case "link":
      return `linked ${quote(entry.to)} as related`;
    case "approval":
      return `approval: ${APPROVAL_WORDS[entry.to ?? ""] ?? quote(entry.to)}` +
        (entry.field ? ` (${quote(entry.field)})` : "");
    case "jsm":
      return entry.from
        ? `JSM status ${quote(entry.from)} → ${quote(entry.to)}`
        : `JSM status ${quote(entry.to)}`;
    case "rating":
      return `rated ${escapeMrkdwnWithin(entry.to ?? "?", 2)}/5`;
    case "reply":
      return "replied to the requester";
  }
}

/** "<when> · <who>: <what>", who being a person or where it came from. */
export function historyLine(entry: HistoryEntry, queues: QueueNames): string {
  const who = entry.by
    ? userMention(entry.by)
    : entry.via
    ? `Helpdesk, ${escapeMrkdwnWithin(entry.via, 60)}`
    : "Helpdesk";
  return `${slackDateTime(entry.at)} · ${who}: ${changeWords(entry, queues)}`;
}

/** Slack's modal limit is 100 blocks; HISTORY_KEPT keeps well below it. */
export function historyModal(
  ticket: Ticket,
  view: HistoryView,
  queues: QueueNames,
): ModalView {
  const blocks: KnownBlock[] = [{
    type: "section",
    text: {
      type: "mrkdwn",
      text: `*${escapeMrkdwnWithin(ticket.key, 40)}* · ${
        escapeMrkdwnWithin(ticket.summary, 200)
      }`,
    },
  }];
  const lines = [...view.entries].reverse().map((e) => historyLine(e, queues));
  if (lines.length === 0) {
    lines.push("No changes yet.");
  }
  // Several lines to a block: a long history stays within 100 blocks and
  // each block within its 3,000 characters.
  for (let i = 0; i < lines.length; i += 5) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: lines.slice(i, i + 5).join("\n") },
    });
  }
  const notes = [
    `${slackDateTime(ticket.created_at)} · opened by ${
      userMention(ticket.reporter ?? ticket.requester)
    }` + (ticket.reporter && ticket.reporter !== ticket.requester
      ? ` for ${userMention(ticket.requester)}`
      : ""),
  ];
  if (view.dropped) {
    notes.push(
      `${view.dropped} older change${
        view.dropped === 1 ? " is" : "s are"
      } no longer kept: a ticket keeps its newest ${
        view.entries.length + view.hidden
      }.`,
    );
  }
  if (view.hidden) {
    notes.push("Changes within the team are shown to the queue's agents.");
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: notes.join("\n") }],
  });
  return {
    type: "modal",
    title: { type: "plain_text", text: "History" },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}
