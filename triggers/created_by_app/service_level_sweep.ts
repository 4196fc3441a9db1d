// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";
import type ServiceLevelSweepWorkflow from "../../workflows/service_level_sweep.ts";
import { SERVICE_LEVEL_SWEEP_WORKFLOW } from "../../workflows/created_by_app_ids.ts";

/**
 * Slack's shortest schedule is hourly, so the SLA sweep runs on four hourly
 * triggers a quarter of an hour apart: a warning is at most 15 minutes late.
 * "Configure Helpdesk" creates them, and moves them when run again.
 */
export const SWEEPS_PER_HOUR = 4;
const QUARTER_HOUR_MS = 15 * 60_000;

export function serviceLevelSweepTriggers(
  nowMs: number,
): Trigger<typeof ServiceLevelSweepWorkflow.definition>[] {
  // Slack wants a start in the future: the next quarter hours from now.
  const first = (Math.floor(nowMs / QUARTER_HOUR_MS) + 1) * QUARTER_HOUR_MS;
  return Array.from({ length: SWEEPS_PER_HOUR }, (_, i) => {
    const start = new Date(first + i * QUARTER_HOUR_MS);
    return {
      type: TriggerTypes.Scheduled,
      name: `Helpdesk SLA check (:${
        String(start.getUTCMinutes()).padStart(2, "0")
      })`,
      description: "Warns before SLA targets are missed and escalates breaches",
      workflow: `#/workflows/${SERVICE_LEVEL_SWEEP_WORKFLOW}`,
      inputs: {},
      schedule: {
        start_time: start.toISOString(),
        timezone: "UTC",
        frequency: { type: "hourly", repeats_every: 1 },
      },
    };
  });
}
