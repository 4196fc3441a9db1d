// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import ConfigureQueueWorkflow from "../workflows/configure_queue.ts";

/**
 * The "Configure a queue" shortcut, for Helpdesk admins. Create it with
 *   slack trigger create --trigger-def triggers/configure_queue.ts
 * The function checks who may change which queue, whoever runs it.
 */
const trigger: Trigger<typeof ConfigureQueueWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Configure a queue",
  description: "Create or change a Helpdesk queue and its roles",
  workflow: `#/workflows/${ConfigureQueueWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
