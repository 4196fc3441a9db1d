import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import RunCheckupFunction from "../functions/run_checkup/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { jsmTokenInput, NO_INTEGRATIONS } from "./integration_steps.ts";

/**
 * "Helpdesk check-up": started by its link trigger (triggers/run_checkup.ts);
 * in OAuth mode the step gets the Atlassian token to check JSM with.
 */
export function runCheckupWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: "run_checkup",
    title: "Helpdesk check-up",
    description:
      "Check that Helpdesk works in this workspace, and get the findings by DM",
    input_parameters: {
      properties: {
        interactivity: { type: Schema.slack.types.interactivity },
      },
      required: ["interactivity"],
    },
  });
  workflow.addStep(RunCheckupFunction, {
    interactivity: workflow.inputs.interactivity,
    ...jsmTokenInput(options),
  });
  return workflow;
}

export default runCheckupWorkflow(NO_INTEGRATIONS);
