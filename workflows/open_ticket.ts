import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import {
  DESCRIPTION_FIELD,
  PRIORITY_FIELD,
  SUMMARY_FIELD,
} from "./ticket_form_fields.ts";
import CreateTicketFunction from "../functions/create_ticket/definition.ts";
import SyncTicketToJsmFunction from "../functions/sync_ticket_to_jsm/definition.ts";
import type { DeploymentOptions } from "../deployment/deployment_options.ts";
import { jsmOn, jsmTokenInput, NO_INTEGRATIONS } from "./integration_steps.ts";
import { GOOGLE_SHEETS_ADD_ROW } from "../connectors/google_sheets.ts";

export const CATEGORIES = [
  "General",
  "Access",
  "Hardware",
  "Software",
  "Network",
  "Other",
];

/**
 * "Open a ticket": a form, then create_ticket for the person who filled it;
 * then, when the deployment has them, the JSM sync and a row in the ticket
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

  const form = OpenTicketWorkflow.addStep(Schema.slack.functions.OpenForm, {
    title: "Open a ticket",
    description: "The Helpdesk team sees this in their triage channel.",
    submit_label: "Open ticket",
    interactivity: OpenTicketWorkflow.inputs.interactivity,
    fields: {
      elements: [
        SUMMARY_FIELD,
        DESCRIPTION_FIELD,
        PRIORITY_FIELD,
        {
          name: "category",
          title: "Category",
          type: Schema.types.string,
          enum: CATEGORIES,
          default: "General",
        },
      ],
      required: ["summary", "priority"],
    },
  });

  const created = OpenTicketWorkflow.addStep(CreateTicketFunction, {
    summary: form.outputs.fields.summary,
    description: form.outputs.fields.description,
    priority: form.outputs.fields.priority,
    category: form.outputs.fields.category,
    requester: OpenTicketWorkflow.inputs.requester,
    source_channel: OpenTicketWorkflow.inputs.channel,
    source: "form",
  });

  if (jsmOn(options)) {
    OpenTicketWorkflow.addStep(SyncTicketToJsmFunction, {
      ticket_id: created.outputs.ticket_id,
      ...jsmTokenInput(options),
    });
  }
  if (options.sheets) {
    // Slack's Google Sheets connector; the admin who deploys approves it, and
    // a collaborator connects the Google account with `slack external-auth`.
    OpenTicketWorkflow.addStep(GOOGLE_SHEETS_ADD_ROW, {
      spreadsheet_id: options.sheets.spreadsheetId,
      sheet_title: options.sheets.sheetTitle,
      // Keys are column indexes; TICKET_LOG_COLUMNS names them for the header.
      columns: {
        "0": created.outputs.ticket_key,
        "1": form.outputs.fields.summary,
        "2": form.outputs.fields.priority,
        "3": form.outputs.fields.category,
        "4": OpenTicketWorkflow.inputs.requester,
        "5": created.outputs.card_permalink,
      },
      google_access_token: { credential_source: "DEVELOPER" },
    });
  }
  return OpenTicketWorkflow;
}

export default openTicketWorkflow(NO_INTEGRATIONS);
