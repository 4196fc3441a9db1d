import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import MessageToTicketFunction from "../functions/message_to_ticket/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { addJsmSyncStep, NO_INTEGRATIONS } from "./integration_steps.ts";
import { MESSAGE_TO_TICKET_WORKFLOW } from "./created_by_app_ids.ts";

/** Started by the intake emoji on a message in a queue's intake channel. */
export function messageToTicketWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: MESSAGE_TO_TICKET_WORKFLOW,
    title: "Message to ticket",
    description: "Turn a message into a ticket with a reaction",
    input_parameters: {
      properties: {
        channel: { type: Schema.slack.types.channel_id },
        message_ts: { type: Schema.types.string },
        message_link: { type: Schema.types.string },
        parent_message_link: { type: Schema.types.string },
        // Passed by triggers made before the author was read from Slack;
        // ignored.
        author: { type: Schema.slack.types.user_id },
        reaction: { type: Schema.types.string },
        user: { type: Schema.slack.types.user_id },
      },
      required: ["channel", "message_ts", "reaction", "user"],
    },
  });
  const made = workflow.addStep(MessageToTicketFunction, {
    channel: workflow.inputs.channel,
    message_ts: workflow.inputs.message_ts,
    message_link: workflow.inputs.message_link,
    parent_message_link: workflow.inputs.parent_message_link,
    reaction: workflow.inputs.reaction,
    user: workflow.inputs.user,
  });
  addJsmSyncStep(workflow, options, made.outputs.ticket_id);
  return workflow;
}

export default messageToTicketWorkflow(NO_INTEGRATIONS);
