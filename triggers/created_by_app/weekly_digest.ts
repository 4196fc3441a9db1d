// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";
import WeeklyDigestWorkflow from "../../workflows/weekly_digest.ts";

/** Mondays at 09:00 in Helpdesk's time zone; `start` is the first one. */
export function weeklyDigestTrigger(
  start: Date,
  timeZone: string,
): Trigger<typeof WeeklyDigestWorkflow.definition> {
  return {
    type: TriggerTypes.Scheduled,
    name: "Helpdesk weekly digest",
    description: "Posts last week's report in the triage channel",
    workflow: `#/workflows/${WeeklyDigestWorkflow.definition.callback_id}`,
    inputs: {},
    schedule: {
      start_time: start.toISOString(),
      timezone: timeZone,
      frequency: { type: "weekly", on_days: ["Monday"], repeats_every: 1 },
    },
  };
}
