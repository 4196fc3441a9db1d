import { DefineWorkflow } from "deno-slack-sdk/mod.ts";
import PostReportFunction from "../functions/post_report/definition.ts";
import { WEEKLY_DIGEST_WORKFLOW } from "./created_by_app_ids.ts";

/**
 * The weekly digest in the triage channels (each with its own queues'
 * figures), run by a scheduled trigger that "Configure Helpdesk" creates
 * (Mondays at 09:00 in Helpdesk's time zone).
 */
const WeeklyDigestWorkflow = DefineWorkflow({
  callback_id: WEEKLY_DIGEST_WORKFLOW,
  title: "Weekly Helpdesk digest",
  description: "Post last week's report in the triage channel",
  input_parameters: { properties: {}, required: [] },
});

WeeklyDigestWorkflow.addStep(PostReportFunction, {
  in_triage_channels: true,
  days: 7,
});

export default WeeklyDigestWorkflow;
