// The scheduled triggers Helpdesk keeps for itself (needs triggers:write):
// the SLA sweeps and the weekly digest. Each is updated in place when it
// exists, created when it doesn't, like the card buttons' trigger.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { serviceLevelSweepTriggers } from "../../triggers/created_by_app/service_level_sweep.ts";
import { weeklyDigestTrigger } from "../../triggers/created_by_app/weekly_digest.ts";
import { type ManagedTrigger, upsertTrigger } from "./app_triggers.ts";
import { nextWeeklyTime } from "../../helpdesk/service_levels/zoned_time.ts";

/** Mondays at 09:00, Helpdesk's time zone: the week's start for most teams. */
const DIGEST_WEEKDAY = 1;
const DIGEST_MINUTES = 9 * 60;

export function scheduleSweeps(
  client: SlackAPIClient,
  existingIds: readonly string[] | undefined,
  nowMs: number,
): Promise<ManagedTrigger[]> {
  return Promise.all(
    serviceLevelSweepTriggers(nowMs).map((definition, i) =>
      upsertTrigger(client, existingIds?.[i], definition)
    ),
  );
}

export function scheduleDigest(
  client: SlackAPIClient,
  existingId: string | undefined,
  timeZone: string,
  nowMs: number,
): Promise<ManagedTrigger> {
  const start = nextWeeklyTime(
    Math.floor(nowMs / 1000),
    timeZone,
    DIGEST_WEEKDAY,
    DIGEST_MINUTES,
  );
  return upsertTrigger(
    client,
    existingId,
    weeklyDigestTrigger(new Date(start * 1000), timeZone),
  );
}
