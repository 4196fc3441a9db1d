// Everything else an admin approves besides bot scopes (scope_catalog.ts):
// outgoing domains, the Atlassian OAuth provider and its scopes, Slack's
// connector functions, each with Helpdesk's reason; and the scopes Helpdesk
// deliberately does not ask for. `deno task approval` and docs/setup.md's
// permissions section are both made from these tables, and
// dev/tests/permissions_test.ts checks them against the manifest built in
// every deployment setting.
import { ATLASSIAN_PROVIDER_KEY } from "../../integrations/jsm/atlassian_provider.ts";
import { JIRA_CLOUD_CREATE_ISSUE } from "../../integrations/connectors/jira_cloud.ts";
import { GOOGLE_SHEETS_ADD_ROW } from "../../integrations/connectors/google_sheets.ts";

export interface DomainEntry {
  /** The setting that adds it. */
  when: string;
  /** As docs/setup.md shows it; the API-token host is the site's own name. */
  shown: string;
  reason: string;
}

/** By JSM mode: the hosts each mode calls (outgoingDomains()). */
export const DOMAIN_CATALOG: Readonly<
  Record<"api_token" | "scoped_token" | "oauth", DomainEntry>
> = {
  api_token: {
    when: "`JSM_AUTH=api_token`",
    shown: "your `JSM_SITE`, e.g. `acme.atlassian.net`",
    reason:
      "Jira Service Management's REST API on your Atlassian site, with the agent account's email and API token: create a request for each ticket, move it through its statuses, and look a request up by its `[HD-…]` key, or read its comments, when an answer was lost; with `HELPDESK_FILES=on`, attach a ticket's files and read the attachments agents add (Jira's attachment content with `redirect=false`, so the site answers with the file itself and `api.media.atlassian.com`, where Jira redirects otherwise, is not needed). Nothing else is called.",
  },
  scoped_token: {
    when: "`JSM_AUTH=scoped_token`",
    shown: "your `JSM_SITE` and `api.atlassian.com`",
    reason:
      "A scoped API token (a person's, or a service account's) works only through Atlassian's API gateway at `api.atlassian.com`: the same calls as with a classic token go there. The site itself is asked once for its cloud id (`/_edge/tenant_info`, unless `JSM_CLOUD_ID` is set). Nothing else is called.",
  },
  oauth: {
    when: "`JSM_AUTH=oauth`",
    shown: "`api.atlassian.com`",
    reason:
      "The same calls through Atlassian's API gateway with the OAuth token Slack keeps, plus `accessible-resources` once to find the site's cloud id. Slack itself talks to `auth.atlassian.com` for the sign-in; functions do not.",
  },
};

/**
 * What HELPDESK_FILES=on adds: two bot scopes (scope_catalog.ts) and the
 * host Slack's upload URLs and file downloads are on.
 */
export const FILES_SETTING = {
  when: "`HELPDESK_FILES=on`",
  scopes: ["files:read", "files:write"],
  domain: "files.slack.com",
  reason:
    "Slack's own file host: downloading a requester's file with the run's token, and posting a copy's bytes to the upload URL Slack hands out (`files.getUploadURLExternal`). Run on Slack blocks hosts the manifest does not name, even Slack's.",
} as const;

/**
 * What HELPDESK_EXPORT=on adds (when HELPDESK_FILES=on has not already):
 * uploading the report's CSV, so only files:write and the file host. An
 * option rather than always, so an install that never exports is not asked
 * to approve a files scope and an outgoing domain.
 */
export const EXPORT_SETTING = {
  when: "`HELPDESK_EXPORT=on`",
  scopes: ["files:write"],
  domain: "files.slack.com",
  reason:
    "Slack's own file host: posting the report's CSV to the upload URL Slack hands out (`files.getUploadURLExternal`). Run on Slack blocks hosts the manifest does not name, even Slack's.",
} as const;

export interface ProviderEntry {
  key: string;
  name: string;
  when: string;
  reason: string;
  scopes: Readonly<Record<string, string>>;
}

export const PROVIDER_CATALOG: readonly ProviderEntry[] = [{
  key: ATLASSIAN_PROVIDER_KEY,
  name: "Atlassian (OAuth 2.0, 3LO)",
  when: "`JSM_AUTH=oauth`",
  reason:
    "One agent account is authorized once with `slack external-auth add`; every JSM step uses it, so requesters never sign in to Atlassian.",
  scopes: {
    "read:servicedesk-request":
      "Read the request made for a ticket (its status and portal link) before moving it.",
    "write:servicedesk-request": "Create a request for each ticket.",
    "read:jira-work":
      "List the transitions an agent may take on a request (`/rest/api/3/issue/{key}/transitions`), and search (`/rest/api/3/search/jql`) for a request an earlier attempt may have created, so it is never created twice; and read a request's issue links to remove the one an Unmerge undoes.",
    "write:jira-work":
      "Move a request with an agent's transition: the customer transitions of servicedeskapi leave out steps such as In progress and Waiting for customer. Also link a merged ticket's request to the kept one's as a duplicate, and unlink it on Unmerge (`/rest/api/3/issueLink`).",
    "offline_access":
      "A refresh token, so Slack can keep the grant alive without asking again.",
    "read:me": "Lets Slack name the authorized Atlassian account.",
  },
}];

export interface ConnectorEntry {
  name: string;
  when: string;
  reason: string;
}

export const CONNECTOR_CATALOG: Readonly<Record<string, ConnectorEntry>> = {
  [JIRA_CLOUD_CREATE_ISSUE]: {
    name: "Jira Cloud: Create an issue",
    when: "`JIRA_CLOUD_DOMAIN` and `JIRA_PROJECT`",
    reason:
      "The **Open a Jira issue** workflow creates the issue as the person who runs it (Slack asks them to connect Jira the first time) and records it on the ticket.",
  },
  [GOOGLE_SHEETS_ADD_ROW]: {
    name: "Google Sheets: Add a spreadsheet row",
    when: "`SHEETS_SPREADSHEET_ID`",
    reason:
      "**Open a ticket** adds a row per ticket (key, summary, priority, category, requester's Slack id, card link) to the ticket log, as the Google account a collaborator connected.",
  },
};

/** Scopes people expect an app like this to ask for, and why it does not. */
export const NOT_REQUESTED: Readonly<Record<string, string>> = {
  "chat:write.public":
    "Helpdesk joins the public triage channel (`channels:join`) instead of posting where it is not a member.",
  "im:write":
    "DMs are posted to a user ID with `chat:write`; Slack opens the conversation.",
  "im:history": "Helpdesk reads no direct messages.",
  "users:read":
    'Mentions (`<@U…>`) make Slack show names; Helpdesk never looks people up. A form\'s error, which Slack shows as plain text, says "you" or "the person you chose" instead of a name.',
  "users:read.email": "Helpdesk never needs anyone's email address.",
  "commands":
    "No slash commands: shortcuts are link triggers, which need no scope.",
};
