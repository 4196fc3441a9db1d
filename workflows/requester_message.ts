import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import RequesterMessageFunction from "../functions/requester_message/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { addJsmSyncStep, NO_INTEGRATIONS } from "./integration_steps.ts";
import { REQUESTER_MESSAGE_WORKFLOW } from "./created_by_app_ids.ts";

/**
 * Started by a reply in a thread of a queue's intake channel (see
 * triggers/created_by_app/requester_message.ts). With JSM on, the message also goes to
 * the ticket's JSM request as a public comment.
 */
export function requesterMessageWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: REQUESTER_MESSAGE_WORKFLOW,
    title: "Requester's message",
    description: "Pass a message in a ticket's thread to its agents",
    input_parameters: {
      properties: {
        channel: { type: Schema.slack.types.channel_id },
        message_ts: { type: Schema.types.string },
        thread_ts: { type: Schema.types.string },
      },
      required: ["channel", "message_ts", "thread_ts"],
    },
  });
  const relayed = workflow.addStep(RequesterMessageFunction, {
    channel: workflow.inputs.channel,
    message_ts: workflow.inputs.message_ts,
    thread_ts: workflow.inputs.thread_ts,
  });
  addJsmSyncStep(workflow, options, relayed.outputs.ticket_id);
  return workflow;
}

export default requesterMessageWorkflow(NO_INTEGRATIONS);
