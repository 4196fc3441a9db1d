import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const SWEEP_CALLBACK_ID = "service_level_sweep";

export default DefineFunction({
  callback_id: SWEEP_CALLBACK_ID,
  title: "Check service levels",
  description:
    "Warn before tickets miss their response or resolution targets, escalate breaches, close long-resolved tickets, and keep the report figures",
  source_file: "functions/service_level_sweep/handler.ts",
  input_parameters: { properties: {}, required: [] },
  output_parameters: {
    properties: {
      examined: { type: Schema.types.integer, title: "Tickets examined" },
      notices: { type: Schema.types.integer, title: "Notices sent" },
      auto_closed: { type: Schema.types.integer, title: "Tickets closed" },
      finished: {
        type: Schema.types.boolean,
        title: "Finished (false: the next run continues)",
      },
      jsm_due: {
        type: Schema.types.array,
        items: { type: Schema.types.string },
        title: "Tickets whose JSM sync is due",
      },
    },
    required: ["examined", "notices", "auto_closed", "finished", "jsm_due"],
  },
});
