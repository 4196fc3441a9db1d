// The OAuth 2.0 (3LO) scopes Helpdesk asks Atlassian for (from Atlassian's
// scope pages for the calls in integrations/jsm): the provider in the manifest
// requests them and errors name them. Why each is needed is in the approval
// kit (dev/permissions/approval_catalog.ts), which docs/setup.md shows.
export const ATLASSIAN_SCOPES: readonly string[] = [
  // servicedeskapi: create a request, read it (status, portal link).
  "read:servicedesk-request",
  "write:servicedesk-request",
  // Jira: agent transitions (list, take) and the JQL search.
  "read:jira-work",
  "write:jira-work",
  // A refresh token, and the account's name for Slack.
  "offline_access",
  "read:me",
];

/** The scopes the API calls need, for explanations of a refusal. */
export const ATLASSIAN_API_SCOPES: readonly string[] = ATLASSIAN_SCOPES.filter(
  (scope) => /servicedesk|jira/.test(scope),
);
