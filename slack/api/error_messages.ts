// What a person in Slack is told when a Slack call fails: what happened and
// what to do about it, never a bare error code.
import { SlackCallError } from "./slack_call.ts";

export function explainFailure(error: unknown): string {
  if (!(error instanceof SlackCallError)) {
    return "Helpdesk hit an unexpected problem. Try again; if it keeps happening, tell your Slack admin.";
  }
  const where = error.details.channel
    ? `<#${error.details.channel}>`
    : "that channel";
  // team_quota_exceeded is the datastore's own rate limit: the workspace's
  // datastore calls went over their share for now; it passes like a 429.
  switch (error.code) {
    case "missing_scope":
      return `Helpdesk is missing the Slack permission \`${
        error.details.needed ?? "?"
      }\`. An admin needs to approve it: redeploy Helpdesk with \`slack deploy\` and approve the requested scopes.`;
    case "not_allowed_token_type":
      return `Slack does not accept Helpdesk's token for ${error.method}. This is a bug in Helpdesk; tell your Slack admin.`;
    case "not_in_channel":
      return `Helpdesk is not a member of ${where}. Add it there with \`/invite @Helpdesk\`, then try again.`;
    case "channel_not_found":
      return `Helpdesk can't see ${where}. If it is a private channel, add Helpdesk with \`/invite @Helpdesk\`; if it was deleted, an admin should pick another triage channel with the "Configure Helpdesk" shortcut.`;
    case "is_archived":
    case "is_inactive":
      return `${where} is archived. An admin should pick another triage channel with the "Configure Helpdesk" shortcut.`;
    case "no_such_subteam":
      return "That user group doesn't exist any more (or was disabled). Pick another one, or choose agents by name.";
    case "user_not_found":
      return "That person is not in this workspace (or their account was deactivated).";
    case "invalid_auth":
    case "token_revoked":
    case "account_inactive":
    case "token_expired":
      return "Helpdesk's access to this workspace was revoked. An admin needs to reinstall it with `slack deploy`.";
    case "ratelimited":
      return `Slack asked Helpdesk to slow down; try again in ${
        waitInWords(error.details.retryAfterSeconds ?? 1)
      }.`;
    case "team_quota_exceeded":
      return `Slack asked Helpdesk to slow down; try again in ${
        waitInWords(error.details.retryAfterSeconds ?? 60)
      }.`;
    default:
      return `Slack refused ${error.method} (${error.code}). Try again, and tell your Slack admin if it keeps happening.`;
  }
}

/** "1 second", "7 seconds", "2 minutes": a wait as a person reads it. */
export function waitInWords(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return whole === 1 ? "1 second" : `${whole} seconds`;
  const minutes = Math.ceil(whole / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
