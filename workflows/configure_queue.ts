import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureQueueFunction from "../functions/configure_queue/definition.ts";
import SyncQueueReactionsFunction from "../functions/sync_queue_reactions/definition.ts";

/**
 * "Configure a queue": choose a queue the person may change (or a new one,
 * for Helpdesk's admins), then its channels, roles and holidays in a form
 * that opens on what is saved. Then the reaction triggers follow every
 * queue's channels, and the confirmation DM lists what was saved and says
 * if the reactions could not follow.
 */
const ConfigureQueueWorkflow = DefineWorkflow({
  callback_id: "configure_queue",
  title: "Configure a queue",
  description: "Create or change a Helpdesk queue and who works it",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      // Set by triggers made before the function took the person from
      // the interactivity; accepted so they still start, and ignored.
      admin: { type: Schema.slack.types.user_id },
    },
    required: ["interactivity"],
  },
});

const form = ConfigureQueueWorkflow.addStep(ConfigureQueueFunction, {
  interactivity: ConfigureQueueWorkflow.inputs.interactivity,
});

// A step of its own, so the form's function does not bundle the triggers
// (use_cases/settings/queue_reactions.ts). A form closed unsaved hands on
// no queue, and this step does nothing.
ConfigureQueueWorkflow.addStep(SyncQueueReactionsFunction, {
  queue_id: form.outputs.queue_id,
  saved_by: form.outputs.saved_by,
});

export default ConfigureQueueWorkflow;
