// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import type RateTicketWorkflow from "../../workflows/rate_ticket.ts";
import { RATE_TICKET_WORKFLOW } from "../../workflows/created_by_app_ids.ts";

/**
 * The link trigger behind the rating buttons in requesters' DMs; each button
 * fills in the ticket and the rating. "Configure Helpdesk" creates it and
 * stores its URL, like the card buttons' trigger.
 */
const trigger: Trigger<typeof RateTicketWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Rate a ticket",
  description:
    "Used by the rating buttons Helpdesk sends when a ticket is resolved",
  workflow: `#/workflows/${RATE_TICKET_WORKFLOW}`,
  inputs: {
    ticket_id: { customizable: true },
    rating: { customizable: true },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
