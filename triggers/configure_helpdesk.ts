// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import ConfigureHelpdeskWorkflow from "../workflows/configure_helpdesk.ts";

/**
 * The "Configure Helpdesk" shortcut, for admins. Create it with
 *   slack trigger create --trigger-def triggers/configure_helpdesk.ts
 * and limit who may run it with
 *   slack trigger access --trigger-id <id> --users <admin ids> --grant
 */
const trigger: Trigger<typeof ConfigureHelpdeskWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Configure Helpdesk",
  description: "Choose the triage channel and the agents",
  workflow: `#/workflows/${ConfigureHelpdeskWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
