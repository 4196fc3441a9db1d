import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { JSM_ACCESS_TOKEN_INPUT } from "../../integrations/jsm/atlassian_provider.ts";

export const FINISH_CHECKUP_CALLBACK_ID = "finish_checkup";

/**
 * The Helpdesk check-up's second step: runs the line the first step
 * (run_checkup) left pending, the JSM line, and rewrites the first step's
 * message with it (use_cases/checkup/checkup_followup.ts). A function of its
 * own so that neither step bundles more than 60 KB of Helpdesk's code. Only
 * Helpdesk's own workflow uses it; its inputs are the first step's outputs,
 * absent when that step refused.
 */
export default DefineFunction({
  callback_id: FINISH_CHECKUP_CALLBACK_ID,
  title: "Helpdesk check-up: last lines",
  description:
    "Check the JSM connection and add the result to the check-up's findings",
  source_file: "functions/finish_checkup/handler.ts",
  input_parameters: {
    properties: {
      admin: { type: Schema.slack.types.user_id },
      report_channel: { type: Schema.slack.types.channel_id },
      report_ts: { type: Schema.types.string },
      lines: { type: Schema.types.array, items: { type: Schema.types.string } },
      jsm_access_token: JSM_ACCESS_TOKEN_INPUT,
    },
    required: [],
  },
  output_parameters: {
    properties: {
      passed: { type: Schema.types.integer },
      failed: { type: Schema.types.integer },
    },
    required: [],
  },
});
