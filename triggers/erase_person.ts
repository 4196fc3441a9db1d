// A trigger a person creates with `slack trigger create --trigger-def`.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import ErasePersonWorkflow from "../workflows/erase_person.ts";

/**
 * The "Erase a person" shortcut. Create it with
 *   slack trigger create --trigger-def triggers/erase_person.ts
 * The function lets only Helpdesk's admins through; limiting the trigger
 * to them too (`slack trigger access`) keeps it out of other menus.
 */
const trigger: Trigger<typeof ErasePersonWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Erase a person",
  description: "Remove a person's name and words from Helpdesk's tickets",
  workflow: `#/workflows/${ErasePersonWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
