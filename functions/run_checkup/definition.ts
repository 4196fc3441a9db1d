import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const RUN_CHECKUP_CALLBACK_ID = "run_checkup";

/**
 * "Helpdesk check-up": examines the workspace Helpdesk runs in and DMs its
 * findings to the admin who asked (use_cases/checkup/). Not listed in the
 * manifest's functions: only Helpdesk's own workflow uses it. The JSM line
 * is the workflow's next step (functions/finish_checkup), which rewrites
 * this step's message: these outputs are what it needs for that.
 */
export default DefineFunction({
  callback_id: RUN_CHECKUP_CALLBACK_ID,
  title: "Helpdesk check-up",
  description:
    "Check the permissions, triggers, channels and platform behaviours Helpdesk relies on, and DM the findings",
  source_file: "functions/run_checkup/handler.ts",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      passed: { type: Schema.types.integer },
      failed: { type: Schema.types.integer },
      admin: { type: Schema.slack.types.user_id },
      report_channel: { type: Schema.slack.types.channel_id },
      report_ts: { type: Schema.types.string },
      // A JSON text per line: an array's items are of Slack's plain types,
      // not objects (docs.slack.dev/reference/types/array-type).
      lines: { type: Schema.types.array, items: { type: Schema.types.string } },
    },
    required: [],
  },
});
