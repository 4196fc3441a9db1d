import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const POST_REPORT_CALLBACK_ID = "post_report";

/**
 * The Helpdesk report: posted to the triage channel by the weekly digest, or
 * shown only to the person who asked for it from the report link trigger.
 */
export default DefineFunction({
  callback_id: POST_REPORT_CALLBACK_ID,
  title: "Post a Helpdesk report",
  description:
    "Tickets created and resolved, backlog, response and resolution times, SLA attainment and ratings",
  source_file: "functions/post_report/handler.ts",
  input_parameters: {
    properties: {
      user: {
        type: Schema.slack.types.user_id,
        title: "Show it only to",
        description: "Leave empty to post it in the triage channel",
      },
      channel: {
        type: Schema.slack.types.channel_id,
        title: "Where they asked",
      },
      days: {
        type: Schema.types.integer,
        title: "Days covered",
        description: "The report covers this many days up to now (1 to 90)",
        default: 7,
        minimum: 1,
        maximum: 90,
      },
    },
    required: [],
  },
  output_parameters: {
    properties: {
      created: { type: Schema.types.integer, title: "Tickets created" },
      resolved: { type: Schema.types.integer, title: "Tickets resolved" },
      backlog: { type: Schema.types.integer, title: "Open tickets" },
    },
    required: [],
  },
});
