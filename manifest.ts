import { Manifest } from "deno-slack-sdk/mod.ts";
import CreateTicketFunction from "./functions/create_ticket/definition.ts";
import SyncTicketToJsmFunction from "./functions/sync_ticket_to_jsm/definition.ts";
import SendTicketFilesFunction from "./functions/send_ticket_files/definition.ts";
import { openTicketWorkflow } from "./workflows/open_ticket.ts";
import { updateTicketWorkflow } from "./workflows/update_ticket.ts";
import { cardReactionWorkflow } from "./workflows/card_reaction.ts";
import ConfigureHelpdeskWorkflow from "./workflows/configure_helpdesk.ts";
import ConfigureServiceLevelsWorkflow from "./workflows/configure_service_levels.ts";
import { serviceLevelSweepWorkflow } from "./workflows/service_level_sweep.ts";
import RateTicketWorkflow from "./workflows/rate_ticket.ts";
import HelpdeskReportWorkflow from "./workflows/helpdesk_report.ts";
import WeeklyDigestWorkflow from "./workflows/weekly_digest.ts";
import { jsmUpdateWorkflow } from "./workflows/jsm_update.ts";
import { openJiraIssueWorkflow } from "./workflows/open_jira_issue.ts";
import { messageToTicketWorkflow } from "./workflows/message_to_ticket.ts";
import { requesterMessageWorkflow } from "./workflows/requester_message.ts";
import ConfigureQueueWorkflow from "./workflows/configure_queue.ts";
import SavedRepliesWorkflow from "./workflows/saved_replies.ts";
import ErasePersonWorkflow from "./workflows/erase_person.ts";
import ConfigureRequestTypeWorkflow from "./workflows/configure_request_type.ts";
import MyTicketsWorkflow from "./workflows/my_tickets.ts";
import OpenTicketsWorkflow from "./workflows/open_tickets.ts";
import { runCheckupWorkflow } from "./workflows/run_checkup.ts";
import TicketsDatastore from "./datastores/tickets.ts";
import TicketLookupDatastore from "./datastores/ticket_lookup.ts";
import TicketWorkDatastore from "./datastores/ticket_work.ts";
import ReportDaysDatastore from "./datastores/report_days.ts";
import SettingsDatastore from "./datastores/settings.ts";
import QueuesDatastore from "./datastores/queues.ts";
import RequestTypesDatastore from "./datastores/request_types.ts";
import LocksDatastore from "./datastores/locks.ts";
import JsmEventsDatastore from "./datastores/jsm_events.ts";
import CheckupsDatastore from "./datastores/checkups.ts";
import { atlassianProvider } from "./integrations/jsm/atlassian_provider.ts";
import {
  type DeploymentOptions,
  outgoingDomains,
  settingScopes,
} from "./integrations/deployment/deployment_options.ts";
import { DEPLOYMENT } from "./integrations/deployment/current_deployment.ts";

/**
 * Helpdesk: tickets opened from Slack and triaged in a channel. The
 * "Permissions" section of docs/setup.md says why each bot scope is needed. What else the
 * manifest names (hosts, the Atlassian provider, connector workflows) follows
 * the integrations this deployment turns on, so admins approve only those.
 */
export function helpdeskManifest(options: DeploymentOptions) {
  const jsm = options.jsm.mode !== "off";
  return Manifest({
    name: "Helpdesk",
    description:
      "Open tickets without leaving Slack and triage them in a channel",
    icon: "assets/icon.png",
    // Listed so admins find these steps in Workflow Builder.
    functions: [
      CreateTicketFunction,
      ...(jsm ? [SyncTicketToJsmFunction] : []),
      // After Create a Helpdesk ticket, a form's file field to the card.
      ...(options.files ? [SendTicketFilesFunction] : []),
    ],
    workflows: [
      openTicketWorkflow(options),
      updateTicketWorkflow(options),
      cardReactionWorkflow(options),
      messageToTicketWorkflow(options),
      requesterMessageWorkflow(options),
      ConfigureHelpdeskWorkflow,
      ConfigureQueueWorkflow,
      SavedRepliesWorkflow,
      ConfigureRequestTypeWorkflow,
      ConfigureServiceLevelsWorkflow,
      ErasePersonWorkflow,
      serviceLevelSweepWorkflow(options),
      RateTicketWorkflow,
      HelpdeskReportWorkflow,
      WeeklyDigestWorkflow,
      MyTicketsWorkflow,
      OpenTicketsWorkflow,
      runCheckupWorkflow(options),
      ...(jsm ? [jsmUpdateWorkflow(options)] : []),
      ...(options.jiraCloud ? [openJiraIssueWorkflow(options.jiraCloud)] : []),
    ],
    datastores: [
      TicketsDatastore,
      TicketLookupDatastore,
      TicketWorkDatastore,
      ReportDaysDatastore,
      SettingsDatastore,
      QueuesDatastore,
      RequestTypesDatastore,
      LocksDatastore,
      // The JSM updates already applied (empty while JSM is off).
      JsmEventsDatastore,
      // The check-up's scratch items and what Helpdesk saw of the platform.
      CheckupsDatastore,
    ],
    outgoingDomains: outgoingDomains(options),
    externalAuthProviders: options.jsm.mode === "oauth"
      ? [atlassianProvider(options.jsm.clientId)]
      : [],
    botScopes: [
      "channels:history",
      "channels:join",
      "channels:read",
      "chat:write",
      "datastore:read",
      "datastore:write",
      "groups:history",
      "groups:read",
      "reactions:read",
      "reactions:write",
      "triggers:read",
      "triggers:write",
      "usergroups:read",
      ...settingScopes(options),
    ],
  });
}

export default helpdeskManifest(DEPLOYMENT);
