import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import PostReportFunction from "../functions/post_report/definition.ts";

/**
 * "Helpdesk report": the last 7 days of the queues the person works (all of
 * them for Helpdesk's admins), shown only to whoever asked.
 */
const HelpdeskReportWorkflow = DefineWorkflow({
  callback_id: "helpdesk_report",
  title: "Helpdesk report",
  description: "See how the help desk did over the last week",
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

HelpdeskReportWorkflow.addStep(PostReportFunction, {
  interactivity: HelpdeskReportWorkflow.inputs.interactivity,
  channel: HelpdeskReportWorkflow.inputs.channel,
  days: 7,
});

export default HelpdeskReportWorkflow;
