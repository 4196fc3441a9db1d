// Create a Helpdesk ticket (the Workflow Builder step): the builder's
// inputs, checked, open a ticket where they named; the requester is told
// when nothing opened, as the workflow does not always tell them.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import CreateTicketFunction from "./definition.ts";
import {
  openTicketFromStep,
  stepFailure,
  stepRequest,
} from "../../use_cases/opening/workflow_step.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";

export default SlackFunction(
  CreateTicketFunction,
  async ({ inputs, client, env, event }) => {
    const request = stepRequest(inputs);
    if (!request.ok) return { error: request.error };
    const requester = { user: request.fields.requester };
    try {
      const opened = await openTicketFromStep(client, request, inputs, {
        executionId: event.function_execution_id,
        syncToJsm: jsmEnabled(env),
      });
      if (opened.ok) return { outputs: opened.outputs };
      return await failAndTell(client, undefined, {
        tell: requester,
        message: opened.problem,
      });
    } catch (error) {
      // Logged once, with the details; people get what to do about it.
      return await failAndTell(client, error, {
        ...stepFailure(error, request.fields.summary),
        tell: requester,
      });
    }
  },
);
