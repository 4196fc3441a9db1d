import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import CardReactionFunction from "../functions/card_reaction/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { addJsmSyncStep, NO_INTEGRATIONS } from "./integration_steps.ts";
import { CARD_REACTION_WORKFLOW } from "./created_by_app_ids.ts";

/** Started by an agent's reaction on a triage card. */
export function cardReactionWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: CARD_REACTION_WORKFLOW,
    title: "Ticket card reaction",
    description: "Claim or resolve a ticket with a reaction on its card",
    input_parameters: {
      properties: {
        channel: { type: Schema.slack.types.channel_id },
        message_ts: { type: Schema.types.string },
        reaction: { type: Schema.types.string },
        user: { type: Schema.slack.types.user_id },
      },
      required: ["channel", "message_ts", "reaction", "user"],
    },
  });

  const reacted = workflow.addStep(CardReactionFunction, {
    channel: workflow.inputs.channel,
    message_ts: workflow.inputs.message_ts,
    reaction: workflow.inputs.reaction,
    user: workflow.inputs.user,
  });
  addJsmSyncStep(workflow, options, reacted.outputs.ticket_id, "changed");
  return workflow;
}

export default cardReactionWorkflow(NO_INTEGRATIONS);
