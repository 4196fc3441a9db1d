import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import PostReportFunction from "../functions/post_report/definition.ts";

/** "Helpdesk report": the last 7 days, shown only to whoever asked. */
const HelpdeskReportWorkflow = DefineWorkflow({
  callback_id: "helpdesk_report",
  title: "Helpdesk report",
  description: "See how the help desk did over the last week",
  input_parameters: {
    properties: {
      user: { type: Schema.slack.types.user_id },
      channel: { type: Schema.slack.types.channel_id },
    },
    required: ["user"],
  },
});

HelpdeskReportWorkflow.addStep(PostReportFunction, {
  user: HelpdeskReportWorkflow.inputs.user,
  channel: HelpdeskReportWorkflow.inputs.channel,
  days: 7,
});

export default HelpdeskReportWorkflow;
