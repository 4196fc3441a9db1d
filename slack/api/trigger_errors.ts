// What a workflows.triggers.* failure means. Which code update and delete
// answer for a trigger that no longer exists is not in Slack's reference:
// Slack's CLI knows both "trigger_not_found" ("The specified trigger cannot
// be found") and "trigger_does_not_exist" ("The trigger provided does not
// exist"), and workflows.triggers.permissions.* document the first. Both
// mean the same to Helpdesk; any other code is logged as unexpected, so a
// third spelling shows up in the activity log instead of going unnoticed.
import { SlackCallError } from "./slack_call.ts";

export const MISSING_TRIGGER_CODES: ReadonlySet<string> = new Set([
  "trigger_not_found",
  "trigger_does_not_exist",
]);

/** True when Slack said the trigger is gone (deleted by hand, say). */
export function isMissingTrigger(error: unknown): boolean {
  return error instanceof SlackCallError &&
    MISSING_TRIGGER_CODES.has(error.code);
}

/**
 * Logs a trigger call's failure that is not "the trigger is gone", naming
 * the code, before the caller rethrows it.
 */
export function logUnexpectedTriggerError(error: unknown, triggerId: string) {
  const what = error instanceof SlackCallError
    ? `${error.method} answered "${error.code}"${
      error.details.messages?.length
        ? ` (${error.details.messages.join("; ")})`
        : ""
    }`
    : `a trigger call failed: ${error}`;
  console.warn(
    `${what} for trigger ${triggerId}. Helpdesk reads only ${
      [...MISSING_TRIGGER_CODES].join(" and ")
    } as "the trigger no longer exists"; any other answer fails this run.`,
  );
}
