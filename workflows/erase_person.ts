import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ErasePersonFunction from "../functions/erase_person/definition.ts";

/**
 * "Erase a person": on a request under privacy law, Helpdesk's admins have
 * a person's name and words removed from every ticket they opened or wrote
 * in. The scheduled run does it and sends the admin a receipt.
 */
const ErasePersonWorkflow = DefineWorkflow({
  callback_id: "erase_person",
  title: "Erase a person",
  description: "Remove a person's name and words from Helpdesk's tickets",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["interactivity"],
  },
});

ErasePersonWorkflow.addStep(ErasePersonFunction, {
  interactivity: ErasePersonWorkflow.inputs.interactivity,
});

export default ErasePersonWorkflow;
