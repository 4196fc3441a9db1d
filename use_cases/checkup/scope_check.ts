// The Slack permissions Helpdesk was granted, against the manifest's. Slack
// names a token's scopes in the x-oauth-scopes header of every Web API
// answer (api.slack.com/docs/oauth-scopes, "Working with scopes"); auth.test needs no
// scope, so it is the call to read it from.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { grantedScopes } from "../../slack/api/granted_scopes.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";
import { EXPECTED_BOT_SCOPES } from "./expected_setup.ts";

export const SCOPES_CHECK = "Slack permissions";

export async function checkScopes(
  client: SlackAPIClient,
): Promise<CheckupLine> {
  const granted = await grantedScopes(client);
  if (!granted) {
    return fail(
      SCOPES_CHECK,
      "Slack did not say which permissions Helpdesk has (no x-oauth-scopes on auth.test).",
      `Check them by hand: in the app's settings on api.slack.com, under OAuth & Permissions, the bot token needs ${
        EXPECTED_BOT_SCOPES.join(", ")
      }.`,
    );
  }
  const missing = EXPECTED_BOT_SCOPES.filter((s) => !granted.includes(s));
  if (missing.length > 0) {
    return fail(
      SCOPES_CHECK,
      `Missing ${
        missing.join(", ")
      } (granted ${granted.length} of ${EXPECTED_BOT_SCOPES.length}).`,
      "Run `slack deploy` again and have a workspace admin approve the permissions it asks for; docs/setup.md says why Helpdesk needs each.",
    );
  }
  return pass(
    SCOPES_CHECK,
    `All ${EXPECTED_BOT_SCOPES.length} permissions the manifest asks for are granted.`,
  );
}
