// The Helpdesk report's CSV export: the tickets of the report's range, one
// row a ticket, from the very figures the report read (report_days and the
// open work index: it costs the days asked for, never the whole history),
// sent as a file to the asker's DM. For Helpdesk's admins (every queue they
// report on) and each queue's owner (their own queues): checked here, on
// the server, whatever the modal offered.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import type { ReportPeriod } from "../../helpdesk/reports/ticket_report.ts";
import {
  exportCsv,
  type ExportTicket,
} from "../../helpdesk/reports/report_export.ts";
import { utcDay } from "../../helpdesk/reports/report_rows.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { people } from "../../slack/blocks/refusals.ts";
import { sendFileByDm } from "../../slack/workspace/dm_file.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";

/** The queues of `covered` whose tickets this person may export. */
export function exportableQueues(
  settings: HelpdeskSettings,
  covered: readonly Queue[],
  person: string,
): Queue[] {
  if (isHelpdeskAdmin(settings, person)) return [...covered];
  return covered.filter((queue) => queue.owner === person);
}

export const EXPORTS_OFF =
  "CSV exports are off in this deployment: whoever deploys Helpdesk turns them on with `HELPDESK_EXPORT=on` (it asks Slack for `files:write`).";

export interface ExportAsked {
  asker: string;
  settings: HelpdeskSettings;
  covered: readonly Queue[];
  tickets: readonly ExportTicket[];
  period: ReportPeriod;
  now: number;
  /** HELPDESK_EXPORT=on (or HELPDESK_FILES=on): the app may upload. */
  enabled: boolean;
}

export type ExportResult =
  | { sent: true; rows: number; fileId: string }
  | { sent: false; reason: string };

/** Sends the CSV, or tells the person why not; what happened. */
export async function sendTicketExport(
  client: SlackAPIClient,
  asked: ExportAsked,
): Promise<ExportResult> {
  const refused = async (reason: string): Promise<ExportResult> => {
    await tellPerson(client, { user: asked.asker }, reason);
    return { sent: false, reason };
  };
  if (!asked.enabled) return await refused(EXPORTS_OFF);
  const queues = exportableQueues(asked.settings, asked.covered, asked.asker);
  if (!queues.length) {
    return await refused(
      `The CSV export is for Helpdesk's admins (${
        people(helpdeskAdmins(asked.settings))
      }) and each queue's owner, for their queue. The report above is yours to read.`,
    );
  }
  const ids = new Set(queues.map((q) => q.id));
  const names = new Map(queues.map((q) => [q.id, q.name]));
  const { csv, rows } = exportCsv(
    asked.tickets.filter((t) => ids.has(t.queue ?? DEFAULT_QUEUE_ID)),
    asked.period,
    asked.now,
    names,
  );
  const first = utcDay(asked.period.from);
  const last = utcDay(asked.period.to - 1);
  const name = `helpdesk-tickets-${first}-to-${last}.csv`;
  const note = `:page_facing_up: Your Helpdesk export: ${rows} ${
    rows === 1 ? "ticket" : "tickets"
  } of ${
    queues.map((q) => `“${escapeMrkdwn(q.name)}”`).join(", ")
  }, ${first} to ${last} (UTC days, both included). One row a ticket, times in UTC.`;
  try {
    const { fileId } = await sendFileByDm(client, asked.asker, note, {
      name,
      title: name,
      bytes: new TextEncoder().encode(csv),
    });
    return { sent: true, rows, fileId };
  } catch (error) {
    console.error("report export not sent", error);
    return await refused(
      `The CSV (${name}) could not be sent: ${
        explainFailure(error)
      } Nothing else was changed; ask for the report with Export again to retry.`,
    );
  }
}
