// A report asked for: by a person (the Helpdesk report shortcut, first
// choosing a queue and a span they may see) or by the weekly digest, which
// posts each triage channel its own queues' report. A person's choice is
// only what was asked for: checked again against what they may see.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { allSavedReplies } from "../../slack/storage/saved_reply_store.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import { REPORT_MAX_DAYS } from "../../helpdesk/reports/report_rows.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { reportBlocks, reportText } from "../../slack/blocks/report_blocks.ts";
import { reportScopeModal } from "../../slack/blocks/report_scope_modal.ts";
import {
  digestChannels,
  type ReportScope,
  reportScopeFor,
} from "./report_access.ts";
import { reportOf, ticketsForReport } from "./ticket_report.ts";
import { exportableQueues, sendTicketExport } from "./ticket_export.ts";
import { checkRange } from "../../helpdesk/reports/report_export.ts";

/** A report's numbers, the step's outputs; none when nothing was made. */
export type ReportNumbers =
  | { created: number; resolved: number; backlog: number }
  | Record<never, never>;

/**
 * Opens the choice of queue and span, on the queues the person may see.
 * False: nothing to choose from, and the report step says why (not set
 * up, or not theirs to see), privately.
 */
export async function openReportScopeChoice(
  client: SlackAPIClient,
  asker: string,
  pointer: string,
  choiceView: string,
  exportsOn = false,
): Promise<boolean> {
  const { settings, queues } = await settingsAndQueues(client);
  if (!settings) return false;
  const scope = await reportScopeFor(client, settings, queues, asker);
  if (scope.kind === "refused") return false;
  const visible = scope.kind === "all" ? queues : scope.queues;
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view: reportScopeModal(
      visible,
      scope.kind === "all",
      choiceView,
      exportsOn && exportableQueues(settings, visible, asker).length > 0,
    ),
  });
  return true;
}

export interface ReportAsked {
  days?: number;
  /** Who asked; none for the weekly digest, posted in triage channels. */
  asker?: string;
  /** Where they asked, to answer there. */
  channel?: string;
  /** One queue, when asked for. */
  queueId?: string;
  /** UTC days "YYYY-MM-DD", both included: instead of `days`. */
  fromDay?: string;
  toDay?: string;
  /** Also DM the tickets as a CSV (for those who may have it). */
  exportCsv?: boolean;
  /** The deployment lets the app upload files (HELPDESK_EXPORT=on). */
  exportsOn?: boolean;
}

/** Makes the report asked for and shows it; its numbers for the step. */
export async function postReport(
  client: SlackAPIClient,
  asked: ReportAsked,
): Promise<ReportNumbers> {
  const now = Math.floor(Date.now() / 1000);
  const span = spanAsked(asked, now);
  if (!span.ok) {
    if (asked.asker) {
      await tellPerson(client, { user: asked.asker }, span.reason);
    }
    return {};
  }
  const { settings, queues } = await settingsAndQueues(client);
  if (!settings) {
    if (asked.asker) {
      await tellPerson(client, { user: asked.asker }, NOT_CONFIGURED);
    }
    return {};
  }
  if (!asked.asker) return await postDigest(client, queues, span);
  const where = { user: asked.asker, channel: asked.channel };
  const scope = await reportScopeFor(client, settings, queues, asked.asker);
  if (scope.kind === "refused") {
    await tellPerson(client, where, scope.reason);
    return {};
  }
  const narrowed = narrowTo(scope, queues, asked.queueId);
  if (!narrowed.ok) {
    await tellPerson(client, where, narrowed.reason);
    return {};
  }
  const covered = narrowed.queues;
  const tickets = await ticketsForReport(client, span.period);
  const report = reportOf(
    tickets,
    span.period,
    now,
    covered.length === queues.length ? undefined : ids(covered),
  );
  const title = `${titleFor(covered, queues)}: ${span.text}`;
  await tellPerson(
    client,
    where,
    reportText(report, title),
    reportBlocks(
      report,
      title,
      await savedReplyTitles(client, report),
      queueNames(queues),
    ),
  );
  if (asked.exportCsv) {
    await sendTicketExport(client, {
      asker: asked.asker,
      settings,
      covered,
      tickets,
      period: span.period,
      now,
      enabled: asked.exportsOn ?? false,
    });
  }
  return numbersOf(report);
}

interface Span {
  period: ReturnType<typeof lastDays>;
  now: number;
  /** "the last 7 days", or the dates asked for. */
  text: string;
}

/** The days asked for (1 to 90 up to now), or a checked range of dates. */
function spanAsked(
  asked: ReportAsked,
  now: number,
): ({ ok: true } & Span) | { ok: false; reason: string } {
  if (asked.fromDay || asked.toDay) {
    const checked = checkRange(asked.fromDay, asked.toDay, now);
    if (!checked.ok) {
      const { from, to } = checked.problems;
      return {
        ok: false,
        reason: `No report: ${[from, to].filter(Boolean).join(" ")}`,
      };
    }
    return {
      ok: true,
      period: checked.period,
      now,
      text: `${asked.fromDay} to ${asked.toDay} (UTC)`,
    };
  }
  const days = Math.min(
    REPORT_MAX_DAYS,
    Math.max(1, Math.floor(asked.days ?? 7)),
  );
  return { ok: true, period: lastDays(now, days), now, text: spanText(days) };
}

/** Each triage channel gets its own queues' report; the desk's numbers. */
async function postDigest(
  client: SlackAPIClient,
  queues: readonly Queue[],
  { period, now, text }: Span,
): Promise<ReportNumbers> {
  const tickets = await ticketsForReport(client, period);
  // Each channel is posted to whatever another's did: one archived since
  // keeps no other from its digest. Its failure is the run's, once all
  // were tried.
  let failed: unknown;
  for (const { channel, queues: covered } of digestChannels(queues)) {
    const report = reportOf(tickets, period, now, ids(covered));
    const title = `${titleFor(covered, queues)}: ${text}`;
    await slackCall(client, "chat.postMessage", {
      channel,
      text: reportText(report, title),
      blocks: reportBlocks(
        report,
        title,
        await savedReplyTitles(client, report),
        queueNames(queues),
      ),
    }).catch((error) => failed ??= error);
  }
  if (failed) throw failed;
  return numbersOf(reportOf(tickets, period, now));
}

const numbersOf = (report: ReturnType<typeof reportOf>): ReportNumbers => ({
  created: report.created,
  resolved: report.resolved,
  backlog: report.backlog.total,
});

const spanText = (days: number) =>
  `the last ${days} ${days === 1 ? "day" : "days"}`;

const ids = (queues: readonly Queue[]) => new Set(queues.map((q) => q.id));

const queueNames = (queues: readonly Queue[]) =>
  new Map(queues.map((q) => [q.id, q.name]));

/** The queues a report covers: those the person may see, or one of them. */
function narrowTo(
  scope: Exclude<ReportScope, { kind: "refused" }>,
  queues: readonly Queue[],
  queueId: string | undefined,
): { ok: true; queues: readonly Queue[] } | { ok: false; reason: string } {
  const visible = scope.kind === "all" ? queues : scope.queues;
  if (!queueId) return { ok: true, queues: visible };
  const queue = visible.find((q) => q.id === queueId);
  if (queue) return { ok: true, queues: [queue] };
  return {
    ok: false,
    reason: queues.some((q) => q.id === queueId)
      ? `That queue's report is for its agents and Helpdesk's admins. ${
        visibleQueues(visible)
      }`
      : `That queue no longer exists. ${visibleQueues(visible)}`,
  };
}

function visibleQueues(queues: readonly Queue[]): string {
  return `You can see the reports of ${
    queues.map((q) => `“${escapeMrkdwn(q.name)}”`).join(", ")
  }.`;
}

/** "Helpdesk report" for every queue; else which queues it covers. */
function titleFor(covered: readonly Queue[], all: readonly Queue[]): string {
  if (covered.length === all.length) return "Helpdesk report";
  return `Helpdesk report for ${covered.map((q) => q.name).join(", ")}`;
}

/** The titles of the saved replies the report counts (none: not read). */
async function savedReplyTitles(
  client: SlackAPIClient,
  report: ReturnType<typeof reportOf>,
): Promise<Map<string, string>> {
  if (!report.savedReplies) return new Map();
  try {
    const all = await allSavedReplies(client);
    return new Map([...all].map(([id, { reply }]) => [id, reply.title]));
  } catch (error) {
    console.warn("saved reply titles not read", error);
    return new Map();
  }
}
