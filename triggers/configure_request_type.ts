// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import ConfigureRequestTypeWorkflow from "../workflows/configure_request_type.ts";

/**
 * The "Configure a request type" shortcut, for Helpdesk admins. Create it with
 *   slack trigger create --trigger-def triggers/configure_request_type.ts
 * The function checks who may change which queue, whoever runs it.
 */
const trigger: Trigger<typeof ConfigureRequestTypeWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Configure a request type",
  description: "Add, change or remove what a queue can be asked for",
  workflow:
    `#/workflows/${ConfigureRequestTypeWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
