// Post a Helpdesk report: to the person who asked, or (the weekly digest)
// to each triage channel. The use case checks what may be seen.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import PostReportFunction from "./definition.ts";
import { postReport } from "../../use_cases/reports/report_request.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { exportEnabled } from "../../integrations/deployment/deployment_options.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  PostReportFunction,
  async ({ inputs, client, env }) => {
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
      const outputs = await postReport(client, {
        days: inputs.days,
        asker,
        channel: inputs.channel,
        queueId: inputs.queue_id,
        fromDay: inputs.from_day,
        toDay: inputs.to_day,
        exportCsv: inputs.export_csv,
        exportsOn: exportEnabled(env),
      });
      return { outputs };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "post_report failed",
        tell: asker ? { user: asker } : undefined,
        what: "The Helpdesk report could not be made.",
      });
    }
  },
);
