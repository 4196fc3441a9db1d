// What the report tests share: a fixed now, the week before it, a ticket
// factory, a report with hand-picked numbers and ways to read blocks back.
import assert from "node:assert/strict";
import type { KnownBlock } from "@slack/types";
import {
  lastDays,
  type ReportTicket,
  type TicketReport,
} from "../../helpdesk/reports/ticket_report.ts";

export const NOW = 1_800_000_000; // Fri 2027-01-15 08:00 UTC
export const H = 3600;
export const D = 86_400;
export const PERIOD = lastDays(NOW, 7); // [NOW - 7d, NOW)
export const FROM = PERIOD.from;

/** A new normal ticket opened six days before NOW, changed by `extra`. */
export function ticket(extra: Partial<ReportTicket>): ReportTicket {
  return {
    status: "new",
    priority: "normal",
    created_at: NOW - 6 * D,
    ...extra,
  };
}

// Numbers chosen by hand so each line's text is known.
export const REPORT: TicketReport = {
  period: { from: NOW - 7 * D, to: NOW },
  asOf: NOW,
  created: 1234,
  resolved: 30,
  backlog: {
    total: 6,
    byStatus: { new: 3, in_progress: 2, waiting_on_requester: 1 },
    byPriority: { low: 1, normal: 1, high: 2, urgent: 2 },
  },
  firstResponse: { count: 25, median: 2.5 * H, p90: 4 * H + 5 * 60 },
  resolution: { count: 1, median: 26 * H, p90: 26 * H },
  sla: {
    firstResponse: { met: 23, missed: 2, percent: 92 },
    resolution: { met: 0, missed: 0 },
  },
  // 6 fives, 3 fours, 3 threes: 51 / 12 = 4.25, shown as 4.3.
  rating: {
    count: 12,
    average: 4.25,
    distribution: { 1: 0, 2: 0, 3: 3, 4: 3, 5: 6 },
  },
};

/** Each section field as label → value, from "*Label*\nvalue". */
export function fieldsOf(blocks: KnownBlock[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const block of blocks) {
    if (block.type !== "section") continue;
    for (const { text } of block.fields ?? []) {
      const match = /^\*([^*]+)\*\n([\s\S]*)$/.exec(text);
      assert.ok(match, `field text ${JSON.stringify(text)}`);
      fields.set(match[1], match[2]);
    }
  }
  return fields;
}

export function headerOf(blocks: KnownBlock[]) {
  const [header] = blocks;
  assert.equal(header.type, "header");
  return (header as { text: { type: string; text: string } }).text;
}

export function contextOf(blocks: KnownBlock[]): string {
  const context = blocks.find((b) => b.type === "context");
  assert.ok(context?.type === "context");
  const [element] = context.elements;
  assert.ok(element.type === "mrkdwn");
  return element.text;
}
