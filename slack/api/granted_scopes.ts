// The scopes Slack granted the token, from the x-oauth-scopes header Slack
// adds to Web API answers (api.slack.com/docs/oauth-scopes, "Working with
// scopes"; not verified for the workflow token a function gets). The
// SDK's client keeps the answer's fetch Response (toFetchResponse), which is
// the only way to its headers.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "./slack_call.ts";

/** Undefined when Slack's answer named no scopes. */
export async function grantedScopes(
  client: SlackAPIClient,
): Promise<string[] | undefined> {
  const answer = await slackCall(client, "auth.test", {});
  const response = typeof answer.toFetchResponse === "function"
    ? answer.toFetchResponse() as Response
    : undefined;
  const header = response?.headers.get("x-oauth-scopes");
  if (header === null || header === undefined) return undefined;
  return header.split(",").map((s) => s.trim()).filter(Boolean);
}
