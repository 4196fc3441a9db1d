// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import type UpdateTicketWorkflow from "../../workflows/update_ticket.ts";
import { UPDATE_TICKET_WORKFLOW } from "../../workflows/created_by_app_ids.ts";

/**
 * The link trigger behind every button on a triage card. Its ticket_id and
 * action inputs are customizable: each workflow button fills them in, so one
 * trigger serves every card. "Configure Helpdesk" creates it (or updates the
 * one it made before) and stores its URL, so nobody has to create it by hand.
 * Who clicked travels in the interactivity, which Slack fills in from the
 * click itself; no input names a person.
 */
const trigger: Trigger<typeof UpdateTicketWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Update a ticket",
  description: "Used by the buttons on Helpdesk's triage cards",
  workflow: `#/workflows/${UPDATE_TICKET_WORKFLOW}`,
  inputs: {
    ticket_id: { customizable: true },
    action: { customizable: true },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
