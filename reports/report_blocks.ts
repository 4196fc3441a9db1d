// The report as a Slack message: a header, the period in each reader's own
// time zone, and sections of fields. Built from TicketReport only, which
// holds numbers, so nobody's text can end up in it.
import type { KnownBlock, MrkdwnElement } from "@slack/types";
import {
  OPEN_STATUSES,
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
} from "../tickets/model.ts";
import { plainWithin, slackDate } from "../blocks/mrkdwn.ts";
import type {
  Attainment,
  DurationStats,
  TicketReport,
} from "./ticket_report.ts";
import { formatElapsed, formatPercent } from "./durations.ts";

export function reportBlocks(
  report: TicketReport,
  title: string,
): KnownBlock[] {
  return [
    {
      type: "header",
      text: { type: "plain_text", text: plainWithin(title, 150) },
    },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: periodText(report) }],
    },
    section([
      field("Created", String(report.created)),
      field("Resolved", String(report.resolved)),
      field("Open now", String(report.backlog.total)),
      field("Average rating", ratingText(report)),
    ]),
    section([
      field(
        "Open by status",
        breakdown(
          OPEN_STATUSES.map((
            s,
          ) => [STATUS_LABELS[s], report.backlog.byStatus[s]]),
        ),
      ),
      field(
        "Open by priority",
        breakdown(
          [...PRIORITIES].reverse().map((p) => [
            PRIORITY_LABELS[p],
            report.backlog.byPriority[p],
          ]),
        ),
      ),
    ]),
    section([
      field("Time to first response", durations(report.firstResponse)),
      field("Time to resolution", durations(report.resolution)),
      field("First-response SLA", attainmentText(report.sla.firstResponse)),
      field("Resolution SLA", attainmentText(report.sla.resolution)),
    ]),
  ];
}

/** The notification fallback: the headline numbers in one line. */
export function reportText(report: TicketReport, title: string): string {
  return `${
    plainWithin(title, 150)
  }: ${report.created} created, ${report.resolved} resolved, ${report.backlog.total} open. First-response SLA ${
    formatPercent(report.sla.firstResponse.percent)
  }, resolution SLA ${formatPercent(report.sla.resolution.percent)}.`;
}

export function attainmentText(attainment: Attainment): string {
  const total = attainment.met + attainment.missed;
  if (total === 0) return "No targets came due";
  return `${
    formatPercent(attainment.percent)
  } (${attainment.met} of ${total} met)`;
}

function durations(stats: DurationStats): string {
  if (stats.count === 0) return "No tickets yet";
  return `Median ${formatElapsed(stats.median)} · 90th percentile ${
    formatElapsed(stats.p90)
  } (${stats.count} ${stats.count === 1 ? "ticket" : "tickets"})`;
}

function ratingText(report: TicketReport): string {
  const { count, average } = report.rating;
  if (!count || average === undefined) return "No ratings yet";
  return `${average.toFixed(1)} / 5 from ${count} ${
    count === 1 ? "rating" : "ratings"
  }`;
}

function periodText(report: TicketReport): string {
  const { from, to } = report.period;
  const date = (t: number) =>
    slackDate(t, "{date_short}", new Date(t * 1000).toISOString().slice(0, 10));
  return `${date(from)} to ${date(to)} · open tickets as of now`;
}

function breakdown(rows: [string, number][]): string {
  return rows.map(([label, n]) => `${label}: ${n}`).join("\n");
}

function section(fields: MrkdwnElement[]): KnownBlock {
  return { type: "section", fields };
}

function field(label: string, value: string): MrkdwnElement {
  return { type: "mrkdwn", text: `*${label}*\n${value}` };
}
