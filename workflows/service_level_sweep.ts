import { DefineWorkflow } from "deno-slack-sdk/mod.ts";
import SweepServiceLevelsFunction from "../functions/sweep_service_levels/definition.ts";

/**
 * Run by the scheduled triggers "Configure Helpdesk" creates: four hourly
 * ones a quarter of an hour apart, because an hour is the shortest period a
 * Slack schedule allows and warnings an hour late would be too late.
 */
const ServiceLevelSweepWorkflow = DefineWorkflow({
  callback_id: "service_level_sweep",
  title: "Check service levels",
  description: "Warn, escalate and auto-close tickets on schedule",
  input_parameters: { properties: {}, required: [] },
});

ServiceLevelSweepWorkflow.addStep(SweepServiceLevelsFunction, {});

export default ServiceLevelSweepWorkflow;
