import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";
import { JSM_ACCESS_TOKEN_INPUT } from "../../integrations/jsm/atlassian_provider.ts";

export const SYNC_TO_JSM_CALLBACK_ID = "sync_ticket_to_jsm";

/**
 * Listed in the manifest, so admins also find "Sync a ticket to Jira Service
 * Management" in Workflow Builder, e.g. after "Create a Helpdesk ticket".
 */
export default DefineFunction({
  callback_id: SYNC_TO_JSM_CALLBACK_ID,
  title: "Sync a ticket to Jira Service Management",
  description:
    "Create the ticket's JSM request if it has none, and bring the request to the ticket's status",
  source_file: "functions/sync_ticket_to_jsm/handler.ts",
  input_parameters: {
    properties: {
      ticket_id: {
        type: Schema.types.string,
        title: "Ticket id",
        description:
          "The ticket id a Helpdesk step put out; without one the step does nothing",
      },
      jsm_access_token: JSM_ACCESS_TOKEN_INPUT,
      create_if_missing: {
        type: Schema.types.boolean,
        title: "Create the JSM request if the ticket has none",
        description:
          "On unless set to false. Helpdesk's card buttons and reactions set it to false: only the step that opened the ticket, or the scheduled retry, creates its request, so two runs never both create it.",
      },
    },
    // Optional so that a preceding step that changed no ticket (a reaction
    // on a message that is not a card) ends the run quietly.
    required: [],
  },
  output_parameters: {
    properties: {
      sync_state: {
        type: Schema.types.string,
        title: "Sync state",
        description:
          "synced; pending when JSM could not be reached (Helpdesk retries on schedule); skipped without a ticket",
      },
      jsm_key: { type: Schema.types.string, title: "JSM request key" },
      jsm_url: { type: Schema.types.string, title: "JSM request link" },
      problem: {
        type: Schema.types.string,
        title: "Why it is pending",
      },
    },
    required: ["sync_state"],
  },
});
