import { SlackFunction } from "deno-slack-sdk/mod.ts";
import PostReportFunction from "./definition.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { reportFor } from "../../slack/operations/ticket_report.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import { reportBlocks, reportText } from "../../slack/blocks/report_blocks.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";

export default SlackFunction(
  PostReportFunction,
  async ({ inputs, client }) => {
    const days = Math.min(90, Math.max(1, Math.floor(inputs.days ?? 7)));
    const now = Math.floor(Date.now() / 1000);
    const user = inputs.user || undefined;
    try {
      const settings = await getSettings(client);
      if (!settings) {
        if (user) await tellPerson(client, { user }, NOT_CONFIGURED);
        return { outputs: {} };
      }
      const report = await reportFor(client, lastDays(now, days), now);
      const title = `Helpdesk report: the last ${days} ${
        days === 1 ? "day" : "days"
      }`;
      const text = reportText(report, title);
      const blocks = reportBlocks(report, title);
      if (user) {
        await tellPerson(
          client,
          { user, channel: inputs.channel },
          text,
          blocks,
        );
      } else {
        await slackCall(client, "chat.postMessage", {
          channel: settings.triage_channel,
          text,
          blocks,
        });
      }
      return {
        outputs: {
          created: report.created,
          resolved: report.resolved,
          backlog: report.backlog.total,
        },
      };
    } catch (error) {
      console.error("post_report failed", error);
      const message = `The Helpdesk report could not be made. ${
        explainFailure(error)
      }`;
      if (user) await tellPerson(client, { user }, message).catch(() => {});
      return { error: message };
    }
  },
);
