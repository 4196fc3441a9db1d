import { Manifest } from "deno-slack-sdk/mod.ts";
import CreateTicketFunction from "./functions/create_ticket/definition.ts";
import OpenTicketWorkflow from "./workflows/open_ticket.ts";
import UpdateTicketWorkflow from "./workflows/update_ticket.ts";
import CardReactionWorkflow from "./workflows/card_reaction.ts";
import ConfigureHelpdeskWorkflow from "./workflows/configure_helpdesk.ts";
import ConfigureServiceLevelsWorkflow from "./workflows/configure_service_levels.ts";
import ServiceLevelSweepWorkflow from "./workflows/service_level_sweep.ts";
import RateTicketWorkflow from "./workflows/rate_ticket.ts";
import HelpdeskReportWorkflow from "./workflows/helpdesk_report.ts";
import WeeklyDigestWorkflow from "./workflows/weekly_digest.ts";
import TicketsDatastore from "./datastores/tickets.ts";
import TicketLookupDatastore from "./datastores/ticket_lookup.ts";
import SettingsDatastore from "./datastores/settings.ts";

/**
 * Helpdesk: tickets opened from Slack and triaged in a channel. The README's
 * "Permissions" section says why each bot scope is needed.
 */
export default Manifest({
  name: "Helpdesk",
  description:
    "Open tickets without leaving Slack and triage them in a channel",
  icon: "assets/icon.png",
  // Listed so admins find "Create a Helpdesk ticket" in Workflow Builder.
  functions: [CreateTicketFunction],
  workflows: [
    OpenTicketWorkflow,
    UpdateTicketWorkflow,
    CardReactionWorkflow,
    ConfigureHelpdeskWorkflow,
    ConfigureServiceLevelsWorkflow,
    ServiceLevelSweepWorkflow,
    RateTicketWorkflow,
    HelpdeskReportWorkflow,
    WeeklyDigestWorkflow,
  ],
  datastores: [TicketsDatastore, TicketLookupDatastore, SettingsDatastore],
  outgoingDomains: [],
  botScopes: [
    "channels:join",
    "chat:write",
    "datastore:read",
    "datastore:write",
    "reactions:read",
    "triggers:write",
    "usergroups:read",
  ],
});
