// A status JSM set that its webhook could not apply (the ticket was busy, or
// its save failed): jsm_status_follow.ts kept jsm_status_missed_at on the
// ticket, which also puts it in the scheduled retry's queue, so only such
// tickets are read here, never every linked one. The retry reads the
// request's status as it is now (jsm_sync.ts, getRequest: JSM Cloud's
// GET /rest/servicedeskapi/request/{issueIdOrKey}, whose currentStatus.status
// names it; developer.atlassian.com/cloud/jira/service-desk/rest/
// api-group-request) and hands it here: the ticket follows it through the
// webhook's own rules and words (followJsmStatus), once. Whoever follows
// JSM first (a later webhook, another run) clears the mark under the
// ticket's lock, and the others then change and say nothing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { followJsmStatus } from "./jsm_status_follow.ts";
import type { MissedStatusFollower } from "./jsm_sync_deps.ts";

/** The follower for one retry run: settings are read once, if needed. */
export function missedStatusFollower(
  client: SlackAPIClient,
  now: number,
): MissedStatusFollower {
  let settings: Promise<HelpdeskSettings | undefined> | undefined;
  return async (ticket, jsmStatus) => {
    const known = await (settings ??= getSettings(client));
    if (!known) return { ok: false, reason: NOT_CONFIGURED };
    const followed = await followJsmStatus(
      client,
      known,
      ticket,
      jsmStatus,
      now,
      true,
    );
    return followed.incomplete
      ? { ok: false, reason: followed.result ?? "not followed" }
      : { ok: true, ticket: followed.ticket };
  };
}
