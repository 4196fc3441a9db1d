// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import OpenTicketWorkflow from "../workflows/open_ticket.ts";

/**
 * The "Open a ticket" shortcut. Create it with
 *   slack trigger create --trigger-def triggers/open_ticket.ts
 * and share its link, or bookmark it in the channels people ask for help in.
 */
const trigger: Trigger<typeof OpenTicketWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Open a ticket",
  description: "Ask the Helpdesk team for help",
  workflow: `#/workflows/${OpenTicketWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
    requester: { value: TriggerContextData.Shortcut.user_id },
    channel: { value: TriggerContextData.Shortcut.channel_id },
  },
};

export default trigger;
