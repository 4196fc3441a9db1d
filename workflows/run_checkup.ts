import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import RunCheckupFunction from "../functions/run_checkup/definition.ts";
import FinishCheckupFunction from "../functions/finish_checkup/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { jsmTokenInput, NO_INTEGRATIONS } from "./integration_steps.ts";

/**
 * "Helpdesk check-up": started by its link trigger (triggers/run_checkup.ts).
 * The first step runs every check but JSM's and DMs the findings; the
 * second runs the JSM line (in OAuth mode with the Atlassian token) and
 * rewrites that message with it. Both steps are always there: each reads
 * whether JSM is on from the environment, as every run does, and the
 * second has nothing to do when it is off.
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
  const checked = workflow.addStep(RunCheckupFunction, {
    interactivity: workflow.inputs.interactivity,
  });
  workflow.addStep(FinishCheckupFunction, {
    admin: checked.outputs.admin,
    report_channel: checked.outputs.report_channel,
    report_ts: checked.outputs.report_ts,
    lines: checked.outputs.lines,
    ...jsmTokenInput(options),
  });
  return workflow;
}

export default runCheckupWorkflow(NO_INTEGRATIONS);
