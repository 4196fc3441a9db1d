import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { JSM_ACCESS_TOKEN_INPUT } from "../../integrations/jsm/atlassian_provider.ts";

export const RUN_CHECKUP_CALLBACK_ID = "run_checkup";

/**
 * "Helpdesk check-up": examines the workspace Helpdesk runs in and DMs its
 * findings to the admin who asked (use_cases/checkup/). Not listed in the
 * manifest's functions: only Helpdesk's own workflow uses it.
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
      jsm_access_token: JSM_ACCESS_TOKEN_INPUT,
    },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: {
      passed: { type: Schema.types.integer },
      failed: { type: Schema.types.integer },
    },
    required: [],
  },
});
