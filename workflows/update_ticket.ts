import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import UpdateTicketFunction from "../functions/update_ticket/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import {
  addFilesStep,
  addJsmSyncStep,
  NO_INTEGRATIONS,
} from "./integration_steps.ts";
import { UPDATE_TICKET_WORKFLOW } from "./created_by_app_ids.ts";

/**
 * Started by a triage card's workflow buttons (see triggers/created_by_app/update_ticket.ts).
 * With JSM on, a second step sends the change there in its own function run,
 * so the card never waits on JSM.
 */
export function updateTicketWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: UPDATE_TICKET_WORKFLOW,
    title: "Update a ticket",
    description: "Claim, assign, or change the status of a Helpdesk ticket",
    input_parameters: {
      properties: {
        ticket_id: { type: Schema.types.string },
        action: { type: Schema.types.string },
        // Set by triggers made before the function took the person from
        // the interactivity; accepted so they still start, and ignored.
        actor: { type: Schema.slack.types.user_id },
        interactivity: { type: Schema.slack.types.interactivity },
      },
      required: ["ticket_id", "action", "interactivity"],
    },
  });

  const updated = workflow.addStep(UpdateTicketFunction, {
    ticket_id: workflow.inputs.ticket_id,
    action: workflow.inputs.action,
    interactivity: workflow.inputs.interactivity,
  });
  // A reply's files, after its words (HELPDESK_FILES=on).
  addFilesStep(workflow, options, workflow.inputs.ticket_id, updated.outputs);
  addJsmSyncStep(workflow, options, workflow.inputs.ticket_id, "changed");
  return workflow;
}

export default updateTicketWorkflow(NO_INTEGRATIONS);
