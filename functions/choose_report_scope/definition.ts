import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const CHOOSE_REPORT_SCOPE_CALLBACK_ID = "choose_report_scope";
export const REPORT_SCOPE_VIEW_CALLBACK_ID = "report_scope";

/**
 * Asks which queue's report (or all the person may see) and over how many
 * days or which dates, listing only the queues the person may see, and
 * whether to send the tickets as a CSV (offered to those who may). The report step after
 * it checks again: the choice is only what was asked for.
 */
export default DefineFunction({
  callback_id: CHOOSE_REPORT_SCOPE_CALLBACK_ID,
  title: "Choose a Helpdesk report",
  description: "Which queue's report, or all of them, and over how many days",
  source_file: "functions/choose_report_scope/handler.ts",
  input_parameters: {
    properties: {
      // Who asks is the interactivity's interactor, set by Slack.
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      queue_id: {
        type: Schema.types.string,
        title: "Queue",
        description: "The queue chosen; empty for all the person may see",
      },
      days: { type: Schema.types.integer, title: "Days covered" },
      from_day: {
        type: Schema.types.string,
        title: "First day",
        description: "YYYY-MM-DD (UTC) when a range of dates was chosen",
      },
      to_day: {
        type: Schema.types.string,
        title: "Last day",
        description: "YYYY-MM-DD (UTC), included",
      },
      export_csv: {
        type: Schema.types.boolean,
        title: "Send a CSV",
        description: "The tickets as a CSV file in the person's DM",
      },
    },
    required: [],
  },
});
