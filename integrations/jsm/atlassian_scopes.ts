// The OAuth 2.0 (3LO) scopes Helpdesk asks Atlassian for, each with what it
// is used for: the provider in the manifest requests them, errors name them,
// and `deno task approval` prints them for whoever approves the app. From
// Atlassian's scope pages for the calls in jsm_client.ts.

export interface AtlassianScope {
  scope: string;
  reason: string;
}

export const ATLASSIAN_SCOPE_LIST: readonly AtlassianScope[] = [
  {
    scope: "read:servicedesk-request",
    reason:
      "Read the JSM request Helpdesk made for a ticket (its status and portal link) before moving it.",
  },
  {
    scope: "write:servicedesk-request",
    reason:
      "Create the JSM request for a new ticket (POST /rest/servicedeskapi/request).",
  },
  {
    scope: "read:jira-work",
    reason:
      "List the transitions an agent may take on the request (GET /rest/api/3/issue/{key}/transitions), and search for a request an earlier attempt may have created (/rest/api/3/search/jql) so it is never created twice.",
  },
  {
    scope: "write:jira-work",
    reason:
      'Move the request with an agent\'s transition (POST /rest/api/3/issue/{key}/transitions): the customer transitions of servicedeskapi leave out steps such as "In progress" and "Waiting for customer".',
  },
  {
    scope: "offline_access",
    reason:
      "A refresh token, so Slack keeps the authorization alive without asking again.",
  },
  {
    scope: "read:me",
    reason: "Lets Slack name the Atlassian account that was authorized.",
  },
];

export const ATLASSIAN_SCOPES: readonly string[] = ATLASSIAN_SCOPE_LIST.map((
  s,
) => s.scope);

/** The scopes the API calls need, for explanations of a refusal. */
export const ATLASSIAN_API_SCOPES: readonly string[] = ATLASSIAN_SCOPES.filter(
  (scope) => /servicedesk|jira/.test(scope),
);
