// A JSM client for one function run: its settings from the run's env
// (`slack env add`, or .env under `slack run`), and, in OAuth mode, the
// Atlassian token Slack's external auth keeps, fetched by the token id the
// workflow step passed in.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { jsmModeOf } from "../../integrations/deployment/deployment_options.ts";
import {
  type JsmConfig,
  jsmConfigFromEnv,
} from "../../integrations/jsm/jsm_config.ts";
import {
  JsmClient,
  type JsmClientOptions,
} from "../../integrations/jsm/jsm_client.ts";
import { slackCall } from "../../slack/api/slack_call.ts";

/**
 * How long a run gives JSM, retries included. Slack allows an interactivity
 * handler 10 s and a function under `slack run` 15 s; the Slack calls around
 * the sync need the rest.
 */
export const JSM_BUDGET_MS = 8_000;

export type JsmConnection =
  | { ok: true; config: JsmConfig; jsm: JsmClient }
  | { ok: false; problem: string };

export async function connectToJsm(
  client: SlackAPIClient,
  env: Record<string, string | undefined>,
  tokenId: string | undefined,
  options: JsmClientOptions = {},
): Promise<JsmConnection> {
  const mode = jsmModeOf(env);
  if (typeof mode === "object") return { ok: false, problem: mode.problem };
  if (mode === "off") {
    return {
      ok: false,
      problem:
        "Jira Service Management is not set up for Helpdesk: set JSM_AUTH (api_token, scoped_token or oauth) and the JSM_* variables described in docs/jsm-and-connectors.md, with `slack env add` for a deployed app or in .env for `slack run`.",
    };
  }
  let accessToken: string | undefined;
  if (mode === "oauth") {
    if (!tokenId) {
      return {
        ok: false,
        problem:
          "JSM_AUTH is oauth but this step got no Atlassian token: give the step's jsm_access_token input the developer's credential, and run `slack external-auth add` to authorize Atlassian.",
      };
    }
    try {
      const { external_token } = await slackCall(
        client,
        "apps.auth.external.get",
        { external_token_id: tokenId },
      );
      accessToken = external_token;
    } catch (error) {
      return {
        ok: false,
        problem:
          `Slack could not hand over the Atlassian token (${error}). Run \`slack external-auth add\` and choose the Atlassian provider, then try again.`,
      };
    }
  }
  const config = jsmConfigFromEnv(env, accessToken);
  if (!config.ok) return config;
  const refreshAccessToken = mode === "oauth" && tokenId
    ? async () =>
      (await slackCall(client, "apps.auth.external.get", {
        external_token_id: tokenId,
        force_refresh: true,
      })).external_token as string
    : undefined;
  return {
    ok: true,
    config: config.value,
    jsm: new JsmClient(config.value, { refreshAccessToken, ...options }),
  };
}
