// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import RunCheckupWorkflow from "../workflows/run_checkup.ts";

/**
 * "Helpdesk check-up", for Helpdesk's admins: run it once after the first
 * deploy (and whenever something seems off). Create it with
 *   slack trigger create --trigger-def triggers/run_checkup.ts
 * and keep the link where the admins find it. Anyone else who runs it is
 * told who the admins are.
 */
const trigger: Trigger<typeof RunCheckupWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Helpdesk check-up",
  description:
    "Check that Helpdesk works in this workspace; the findings come by DM",
  workflow: `#/workflows/${RunCheckupWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
