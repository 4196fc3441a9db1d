// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import MyTicketsWorkflow from "../workflows/my_tickets.ts";

/**
 * A requester's own tickets, with Withdraw, close and Reopen. Create it with
 *   slack trigger create --trigger-def triggers/my_tickets.ts
 * and share the link (or bookmark it where people ask for help). Who asks
 * is the interactivity's interactor, set by Slack; no input names a person.
 */
const trigger: Trigger<typeof MyTicketsWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "My tickets",
  description: "Your open and recent Helpdesk tickets",
  workflow: `#/workflows/${MyTicketsWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
