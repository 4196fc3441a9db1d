import { DefineWorkflow } from "deno-slack-sdk/mod.ts";
import ServiceLevelSweepFunction from "../functions/service_level_sweep/definition.ts";
import RetryJsmSyncsFunction from "../functions/retry_jsm_syncs/definition.ts";
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import { jsmOn, jsmTokenInput, NO_INTEGRATIONS } from "./integration_steps.ts";
import { SERVICE_LEVEL_SWEEP_WORKFLOW } from "./created_by_app_ids.ts";

/**
 * Run by the scheduled triggers "Configure Helpdesk" creates: four hourly
 * ones a quarter of an hour apart, because an hour is the shortest period a
 * Slack schedule allows and warnings an hour late would be too late. With
 * JSM on, the same schedule retries the syncs that are pending.
 */
export function serviceLevelSweepWorkflow(options: DeploymentOptions) {
  const workflow = DefineWorkflow({
    callback_id: SERVICE_LEVEL_SWEEP_WORKFLOW,
    title: "Check service levels",
    description: "Warn, escalate and auto-close tickets on schedule",
    input_parameters: { properties: {}, required: [] },
  });

  // One pass over the open work finds the JSM syncs due too.
  const checked = workflow.addStep(ServiceLevelSweepFunction, {});
  if (jsmOn(options)) {
    workflow.addStep(RetryJsmSyncsFunction, {
      ticket_ids: checked.outputs.jsm_due,
      ...jsmTokenInput(options),
    });
  }
  return workflow;
}

export default serviceLevelSweepWorkflow(NO_INTEGRATIONS);
