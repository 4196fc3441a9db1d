import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import OpenTicketFunction from "../functions/open_ticket/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import {
  addFilesStep,
  addJsmSyncStep,
  NO_INTEGRATIONS,
} from "./integration_steps.ts";
import { GOOGLE_SHEETS_ADD_ROW } from "../integrations/connectors/google_sheets.ts";

/**
 * "Open a ticket": the request form, which opens the ticket; then, when the deployment has them, the JSM sync and a row in the ticket
 * log spreadsheet.
 */
export function openTicketWorkflow(options: DeploymentOptions) {
  const OpenTicketWorkflow = DefineWorkflow({
    callback_id: "open_ticket",
    title: "Open a ticket",
    description: "Ask the Helpdesk team for help",
    input_parameters: {
      properties: {
        interactivity: { type: Schema.slack.types.interactivity },
        requester: { type: Schema.slack.types.user_id },
        channel: { type: Schema.slack.types.channel_id },
      },
      required: ["interactivity", "requester"],
    },
  });

  // The form is the function's own modal: it asks what kind of request it
  // is, then that request type's questions (OpenForm's fields are fixed).
  const created = OpenTicketWorkflow.addStep(OpenTicketFunction, {
    interactivity: OpenTicketWorkflow.inputs.interactivity,
    channel: OpenTicketWorkflow.inputs.channel,
  });

  // The form's files, copied to the card's thread (HELPDESK_FILES=on).
  addFilesStep(
    OpenTicketWorkflow,
    options,
    created.outputs.ticket_id,
    created.outputs,
  );
  addJsmSyncStep(OpenTicketWorkflow, options, created.outputs.ticket_id);
  if (options.sheets) {
    // Slack's Google Sheets connector; the admin who deploys approves it, and
    // a collaborator connects the Google account with `slack external-auth`.
    OpenTicketWorkflow.addStep(GOOGLE_SHEETS_ADD_ROW, {
      spreadsheet_id: options.sheets.spreadsheetId,
      sheet_title: options.sheets.sheetTitle,
      // Keys are column indexes; TICKET_LOG_COLUMNS names them for the header.
      columns: {
        "0": created.outputs.ticket_key,
        "1": created.outputs.summary,
        "2": created.outputs.priority,
        "3": created.outputs.category,
        "4": OpenTicketWorkflow.inputs.requester,
        "5": created.outputs.card_permalink,
      },
      google_access_token: { credential_source: "DEVELOPER" },
    });
  }
  return OpenTicketWorkflow;
}

export default openTicketWorkflow(NO_INTEGRATIONS);
