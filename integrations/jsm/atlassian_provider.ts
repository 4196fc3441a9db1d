// The Atlassian OAuth 2.0 (3LO) provider for Slack's external auth, used when
// JSM_AUTH=oauth. Slack runs the authorization and refreshes the token; the
// function gets a token id and exchanges it with apps.auth.external.get.
// Facts from developer.atlassian.com ("OAuth 2.0 (3LO) apps"): authorize at
// auth.atlassian.com/authorize with audience=api.atlassian.com and
// prompt=consent, exchange at auth.atlassian.com/oauth/token, and offline_access
// is what yields a refresh token.
import { DefineOAuth2Provider, Schema } from "deno-slack-sdk/mod.ts";
import { ATLASSIAN_SCOPES } from "./atlassian_scopes.ts";

export const ATLASSIAN_PROVIDER_KEY = "atlassian";

export function atlassianProvider(clientId: string) {
  return DefineOAuth2Provider({
    provider_key: ATLASSIAN_PROVIDER_KEY,
    provider_type: Schema.providers.oauth2.CUSTOM,
    options: {
      provider_name: "Atlassian",
      authorization_url: "https://auth.atlassian.com/authorize",
      token_url: "https://auth.atlassian.com/oauth/token",
      client_id: clientId,
      // Each with its reason in the approval kit; read:me lets Slack name
      // the account (identity_config below).
      scope: [...ATLASSIAN_SCOPES],
      authorization_url_extras: {
        audience: "api.atlassian.com",
        prompt: "consent",
      },
      // Slack's manifest schema wants an object path ("$.…"), which rules
      // out accessible-resources (an array); /me answers with the account.
      identity_config: {
        url: "https://api.atlassian.com/me",
        account_identifier: "$.account_id",
      },
    },
  });
}

/**
 * The input a JSM function declares for the Atlassian token; only used with
 * JSM_AUTH=oauth (API tokens come from the env), hence optional.
 */
export const JSM_ACCESS_TOKEN_INPUT = {
  type: Schema.slack.types.oauth2,
  oauth2_provider_key: ATLASSIAN_PROVIDER_KEY,
  title: "Atlassian account",
};
