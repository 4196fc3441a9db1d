import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { JSM_ACCESS_TOKEN_INPUT } from "../../integrations/jsm/atlassian_provider.ts";

export const RETRY_JSM_CALLBACK_ID = "retry_jsm_syncs";

export default DefineFunction({
  callback_id: RETRY_JSM_CALLBACK_ID,
  title: "Retry pending JSM syncs",
  description:
    "Finish the Jira Service Management syncs that failed or never ran",
  source_file: "functions/retry_jsm_syncs/handler.ts",
  input_parameters: {
    properties: {
      jsm_access_token: JSM_ACCESS_TOKEN_INPUT,
      ticket_ids: {
        type: Schema.types.array,
        items: { type: Schema.types.string },
        title: "Tickets to retry",
        description:
          "The due ones, longest waiting first, as the SLA check found them",
      },
    },
    required: [],
  },
  output_parameters: {
    properties: {
      due: { type: Schema.types.integer, title: "Tickets due" },
      synced: { type: Schema.types.integer, title: "Tickets synced" },
      still_pending: { type: Schema.types.integer, title: "Still pending" },
      finished: {
        type: Schema.types.boolean,
        title: "Finished (false: the next run continues)",
      },
    },
    required: ["due", "synced", "still_pending", "finished"],
  },
});
