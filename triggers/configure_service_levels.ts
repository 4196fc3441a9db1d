// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import ConfigureServiceLevelsWorkflow from "../workflows/configure_service_levels.ts";

/**
 * The "Helpdesk service levels" shortcut, for whoever runs the help desk.
 * Create it with
 *   slack trigger create --trigger-def triggers/configure_service_levels.ts
 */
const trigger: Trigger<typeof ConfigureServiceLevelsWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Helpdesk service levels",
  description: "Response and resolution targets, business hours, escalation",
  workflow:
    `#/workflows/${ConfigureServiceLevelsWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
