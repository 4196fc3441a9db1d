// The report as a Slack message: a header, the period in each reader's own
// time zone, then sections of fields. Apart from the title, everything in it
// is a number from TicketReport, so the title is the only text to guard.
//
// The layout is fixed (at most nine blocks, at most three fields each,
// short values), which keeps it far inside Block Kit's limits whatever the
// data.
import type { ContextBlock, KnownBlock, MrkdwnElement } from "@slack/types";
import {
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
} from "../../helpdesk/tickets/model.ts";
import { escapeMrkdwnWithin, plainWithin, slackDate } from "./mrkdwn.ts";
import {
  type Attainment,
  BACKLOG_STATUSES,
  type DurationStats,
  type Stars,
  type TicketReport,
} from "../../helpdesk/reports/ticket_report.ts";
import {
  formatDuration,
  formatPercent,
} from "../../helpdesk/reports/durations.ts";

const HEADER_LIMIT = 150;
// A header may not be empty; Slack refuses the whole message.
const DEFAULT_TITLE = "Helpdesk report";

export function reportBlocks(
  report: TicketReport,
  title: string,
  savedReplyTitles: ReadonlyMap<string, string> = new Map(),
  queueNames: ReadonlyMap<string, string> = new Map(),
): KnownBlock[] {
  const { backlog } = report;
  // The header's plain_text is never parsed, so "<!channel>" in it is just
  // text, as on the ticket card; only the length needs minding.
  return [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: plainWithin(titleOf(title), HEADER_LIMIT),
      },
    },
    periodContext(report),
    section([
      field("Created", count(report.created)),
      field("Resolved", count(report.resolved)),
      field("Backlog", count(backlog.total)),
    ]),
    section([
      field(
        "Backlog by status",
        lines(BACKLOG_STATUSES.map((s) => [
          STATUS_LABELS[s],
          backlog.byStatus[s],
        ])),
      ),
      field(
        "Backlog by priority",
        // Most urgent first: that is the line people look for.
        lines(
          [...PRIORITIES].reverse().map((p) => [
            PRIORITY_LABELS[p],
            backlog.byPriority[p],
          ]),
        ),
      ),
    ]),
    section([
      field(
        "Time to first response",
        durationText(report.firstResponse, "No first responses"),
      ),
      field(
        "Time to resolution",
        durationText(report.resolution, "No tickets resolved"),
      ),
    ]),
    section([
      field("First-response SLA met", attainmentText(report.sla.firstResponse)),
      field("Resolution SLA met", attainmentText(report.sla.resolution)),
    ]),
    section([field("Satisfaction", ratingText(report.rating))]),
    ...(report.savedReplies
      ? [section([
        field(
          "Saved replies sent",
          savedRepliesText(report.savedReplies, savedReplyTitles),
        ),
      ])]
      : []),
    ...(report.deflections
      ? [section([
        field(
          "Solved by a suggestion",
          deflectionsText(report.deflections, queueNames),
        ),
      ])]
      : []),
  ];
}

/**
 * Tickets their requesters closed with a suggested answer: the count, or
 * one line a queue (most first) when the report covers several. Queue
 * names are typed, so escaped.
 */
export function deflectionsText(
  byQueue: Record<string, number>,
  names: ReadonlyMap<string, string>,
): string {
  const queues = Object.entries(byQueue).sort((a, b) =>
    b[1] - a[1] || a[0].localeCompare(b[0])
  );
  if (queues.length === 1) return count(queues[0][1]);
  return queues.map(([id, n]) =>
    `${escapeMrkdwnWithin(names.get(id) ?? id, 80)}: ${count(n)}`
  ).join("\n");
}

/** The most used first, at most ten lines; titles are typed, so escaped. */
export function savedRepliesText(
  uses: Record<string, number>,
  titles: ReadonlyMap<string, string>,
): string {
  const top = Object.entries(uses).sort((a, b) =>
    b[1] - a[1] || a[0].localeCompare(b[0])
  );
  const shown = top.slice(0, SAVED_REPLY_LINES).map(([id, n]) =>
    `${escapeMrkdwnWithin(titles.get(id) ?? "A saved reply not found", 80)}: ${
      count(n)
    }`
  );
  const rest = top.length - shown.length;
  return [...shown, ...(rest > 0 ? [`and ${plural(rest, "other")}`] : [])]
    .join("\n");
}

const SAVED_REPLY_LINES = 10;

/**
 * The notification fallback: the headline numbers in one line. A message's
 * top-level text is read as mrkdwn, unlike the header, so the title is
 * escaped here.
 */
export function reportText(report: TicketReport, title: string): string {
  return `${escapeMrkdwnWithin(titleOf(title), HEADER_LIMIT)}: ${
    count(report.created)
  } created, ${count(report.resolved)} resolved, ${
    count(report.backlog.total)
  } open. First-response SLA ${
    formatPercent(report.sla.firstResponse.percent)
  }, resolution SLA ${formatPercent(report.sla.resolution.percent)}.`;
}

/** "92% (23 of 25)", or a sentence when no target came due. */
export function attainmentText(attainment: Attainment): string {
  const total = attainment.met + attainment.missed;
  if (total === 0) return "Nothing came due";
  return `${formatPercent(attainment.percent)} (${count(attainment.met)} of ${
    count(total)
  })`;
}

/** "Median 2h 30m · 90% within 4h 00m", then how many tickets. */
export function durationText(stats: DurationStats, none: string): string {
  if (stats.count === 0 || stats.median === undefined) return none;
  // Nearest rank makes p90 a time at least 90% of tickets stayed within.
  return `Median ${formatDuration(stats.median)} · 90% within ${
    formatDuration(stats.p90 ?? stats.median)
  }\n${plural(stats.count, "ticket")}`;
}

/** "4.3 / 5 from 12 ratings" and the spread, or "No ratings yet". */
export function ratingText(rating: TicketReport["rating"]): string {
  if (rating.count === 0 || rating.average === undefined) {
    return "No ratings yet";
  }
  const spread = ([5, 4, 3, 2, 1] as Stars[])
    .map((stars) => `${stars}★ ${count(rating.distribution[stars])}`)
    .join(" · ");
  return `${rating.average.toFixed(1)} / 5 from ${
    plural(rating.count, "rating")
  }\n${spread}`;
}

function titleOf(title: string): string {
  return title.trim() || DEFAULT_TITLE;
}

function periodContext(report: TicketReport): ContextBlock {
  const { from, to } = report.period;
  // The period is half-open, so its last day is the one holding to - 1:
  // a week ending at midnight must not be shown ending on the next day.
  const text = `${day(from)} to ${
    day(Math.max(from, to - 1))
  } · backlog as of ${
    slackDate(report.asOf, "{date_short} {time}", utc(report.asOf, 16))
  }`;
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

function day(unixSeconds: number): string {
  return slackDate(unixSeconds, "{date_short}", utc(unixSeconds, 10));
}

/** The fallback for clients that cannot format dates: UTC, ISO style. */
function utc(unixSeconds: number, length: 10 | 16): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return length === 10
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const NUMBER = new Intl.NumberFormat("en-US");

function count(n: number): string {
  return NUMBER.format(n);
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${n === 1 ? noun : `${noun}s`}`;
}

function lines(rows: [string, number][]): string {
  return rows.map(([label, n]) => `${label}: ${count(n)}`).join("\n");
}

function section(fields: MrkdwnElement[]): KnownBlock {
  return { type: "section", fields };
}

function field(label: string, value: string): MrkdwnElement {
  return { type: "mrkdwn", text: `*${label}*\n${value}` };
}
