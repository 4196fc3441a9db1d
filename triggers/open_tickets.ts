// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import OpenTicketsWorkflow from "../workflows/open_tickets.ts";

/**
 * The open tickets of the queues an agent works. Create it with
 *   slack trigger create --trigger-def triggers/open_tickets.ts
 * and bookmark it in the triage channels. Who asks is the interactivity's
 * interactor; someone who works no queue sees no ticket.
 */
const trigger: Trigger<typeof OpenTicketsWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Open tickets",
  description: "The open tickets of the Helpdesk queues you work",
  workflow: `#/workflows/${OpenTicketsWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
