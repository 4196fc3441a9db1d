// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";
import type WeeklyDigestWorkflow from "../../workflows/weekly_digest.ts";
import { WEEKLY_DIGEST_WORKFLOW } from "../../workflows/created_by_app_ids.ts";

/** Mondays at 09:00 in Helpdesk's time zone; `start` is the first one. */
export function weeklyDigestTrigger(
  start: Date,
  timeZone: string,
): Trigger<typeof WeeklyDigestWorkflow.definition> {
  return {
    type: TriggerTypes.Scheduled,
    name: "Helpdesk weekly digest",
    description: "Posts last week's report in the triage channel",
    workflow: `#/workflows/${WEEKLY_DIGEST_WORKFLOW}`,
    inputs: {},
    schedule: {
      start_time: start.toISOString(),
      timezone: timeZone,
      frequency: { type: "weekly", on_days: ["Monday"], repeats_every: 1 },
    },
  };
}
