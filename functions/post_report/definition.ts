import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const POST_REPORT_CALLBACK_ID = "post_report";

/**
 * The Helpdesk report: shown only to the person who asked for it (from the
 * report shortcut, whose interactivity says who that is), about the queues
 * they work, or the whole desk for Helpdesk's admins; or, for the weekly
 * digest, posted in each triage channel about the queues posting there.
 */
export default DefineFunction({
  callback_id: POST_REPORT_CALLBACK_ID,
  title: "Post a Helpdesk report",
  description:
    "Tickets created and resolved, backlog, response and resolution times, SLA attainment and ratings",
  source_file: "functions/post_report/handler.ts",
  input_parameters: {
    properties: {
      interactivity: {
        type: Schema.slack.types.interactivity,
        description:
          "Who asked: the report is shown only to them, about what they may see",
      },
      in_triage_channels: {
        type: Schema.types.boolean,
        title: "Post in the triage channels",
        description:
          "Without someone asking: each triage channel gets its queues' report",
      },
      channel: {
        type: Schema.slack.types.channel_id,
        title: "Where they asked",
      },
      queue_id: {
        type: Schema.types.string,
        title: "Queue",
        description:
          "Only this queue's figures, if the person may see them; empty: every queue they may",
      },
      days: {
        type: Schema.types.integer,
        title: "Days covered",
        description: "The report covers this many days up to now (1 to 90)",
        default: 7,
        minimum: 1,
        maximum: 90,
      },
      from_day: {
        type: Schema.types.string,
        title: "First day",
        description:
          "YYYY-MM-DD (UTC): with to_day, the report covers these days instead",
      },
      to_day: {
        type: Schema.types.string,
        title: "Last day",
        description: "YYYY-MM-DD (UTC), included",
      },
      export_csv: {
        type: Schema.types.boolean,
        title: "Send a CSV",
        description:
          "Also DM the person the tickets as a CSV file, if they may have it (Helpdesk's admins, queue owners)",
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
