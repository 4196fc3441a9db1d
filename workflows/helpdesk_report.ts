import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ChooseReportScopeFunction from "../functions/choose_report_scope/definition.ts";
import PostReportFunction from "../functions/post_report/definition.ts";

/**
 * "Helpdesk report": one queue's figures or all those the person may see (a
 * queue's agents their queues, Helpdesk's admins every queue), over 7, 30 or
 * 90 days or between two dates, shown only to whoever asked; with a CSV of
 * the tickets by DM for Helpdesk's admins and queue owners who ask for it.
 */
const HelpdeskReportWorkflow = DefineWorkflow({
  callback_id: "helpdesk_report",
  title: "Helpdesk report",
  description: "See how the help desk, or one queue, did lately",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      // Set by triggers made before the report took the person from the
      // interactivity; ignored. Such a trigger must be created again.
      user: { type: Schema.slack.types.user_id },
      channel: { type: Schema.slack.types.channel_id },
    },
    required: [],
  },
});

const scope = HelpdeskReportWorkflow.addStep(ChooseReportScopeFunction, {
  interactivity: HelpdeskReportWorkflow.inputs.interactivity,
});

HelpdeskReportWorkflow.addStep(PostReportFunction, {
  // The same person: the one whose shortcut started the run.
  interactivity: HelpdeskReportWorkflow.inputs.interactivity,
  channel: HelpdeskReportWorkflow.inputs.channel,
  queue_id: scope.outputs.queue_id,
  days: scope.outputs.days,
  from_day: scope.outputs.from_day,
  to_day: scope.outputs.to_day,
  export_csv: scope.outputs.export_csv,
});

export default HelpdeskReportWorkflow;
