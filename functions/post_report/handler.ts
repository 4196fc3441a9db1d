import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import PostReportFunction from "./definition.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import {
  reportOf,
  ticketsForReport,
} from "../../use_cases/reports/ticket_report.ts";
import {
  digestChannels,
  type ReportScope,
  reportScopeFor,
} from "../../use_cases/reports/report_access.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { REPORT_MAX_DAYS } from "../../helpdesk/reports/report_rows.ts";
import { reportBlocks, reportText } from "../../slack/blocks/report_blocks.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  PostReportFunction,
  async ({ inputs, client }) => {
    const days = Math.min(
      REPORT_MAX_DAYS,
      Math.max(1, Math.floor(inputs.days ?? 7)),
    );
    const now = Math.floor(Date.now() / 1000);
    const period = lastDays(now, days);
    const span = `the last ${days} ${days === 1 ? "day" : "days"}`;
    // Someone asking is known only from Slack's interactivity; without it
    // the report goes nowhere but the triage channels, and only when the
    // workflow says so (the weekly digest).
    const asker = inputs.interactivity
      ? actingPerson(inputs.interactivity)
      : undefined;
    if (!asker && !inputs.in_triage_channels) {
      return { error: NO_ACTING_PERSON };
    }
    try {
      const { settings, queues } = await settingsAndQueues(client);
      if (!settings) {
        if (asker) await tellPerson(client, { user: asker }, NOT_CONFIGURED);
        return { outputs: {} };
      }
      if (!asker) {
        const tickets = await ticketsForReport(client, period);
        for (const { channel, queues: covered } of digestChannels(queues)) {
          const report = reportOf(tickets, period, now, ids(covered));
          const title = `${titleFor(covered, queues)}: ${span}`;
          await slackCall(client, "chat.postMessage", {
            channel,
            text: reportText(report, title),
            blocks: reportBlocks(report, title),
          });
        }
        // The step's outputs are the whole desk's numbers.
        const total = reportOf(tickets, period, now);
        return {
          outputs: {
            created: total.created,
            resolved: total.resolved,
            backlog: total.backlog.total,
          },
        };
      }
      const scope = await reportScopeFor(client, settings, queues, asker);
      if (scope.kind === "refused") {
        await tellPerson(
          client,
          { user: asker, channel: inputs.channel },
          scope.reason,
        );
        return { outputs: {} };
      }
      // One queue, when asked for: the choice is only what was asked for,
      // so it is checked against what the person may see.
      const narrowed = narrowTo(scope, queues, inputs.queue_id);
      if (!narrowed.ok) {
        await tellPerson(
          client,
          { user: asker, channel: inputs.channel },
          narrowed.reason,
        );
        return { outputs: {} };
      }
      const covered = narrowed.queues;
      const tickets = await ticketsForReport(client, period);
      const report = reportOf(
        tickets,
        period,
        now,
        covered.length === queues.length ? undefined : ids(covered),
      );
      const title = `${titleFor(covered, queues)}: ${span}`;
      await tellPerson(
        client,
        { user: asker, channel: inputs.channel },
        reportText(report, title),
        reportBlocks(report, title),
      );
      return {
        outputs: {
          created: report.created,
          resolved: report.resolved,
          backlog: report.backlog.total,
        },
      };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "post_report failed",
        tell: asker ? { user: asker } : undefined,
        what: "The Helpdesk report could not be made.",
      });
    }
  },
);

const ids = (queues: readonly Queue[]) => new Set(queues.map((q) => q.id));

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
