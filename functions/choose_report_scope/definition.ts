import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const CHOOSE_REPORT_SCOPE_CALLBACK_ID = "choose_report_scope";
export const REPORT_SCOPE_VIEW_CALLBACK_ID = "report_scope";

/**
 * Asks which queue's report (or all the person may see) and over how many
 * days, listing only the queues the person may see. The report step after
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
    },
    required: [],
  },
});
