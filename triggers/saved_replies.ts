// A trigger a person creates with `slack trigger create --trigger-def`.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import SavedRepliesWorkflow from "../workflows/saved_replies.ts";

/**
 * The "Saved replies" shortcut. Create it with
 *   slack trigger create --trigger-def triggers/saved_replies.ts
 * The function checks whose queue's replies each person may change.
 */
const trigger: Trigger<typeof SavedRepliesWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Saved replies",
  description: "Add, change or remove a Helpdesk queue's saved replies",
  workflow: `#/workflows/${SavedRepliesWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
