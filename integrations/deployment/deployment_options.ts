// What this deployment turns on, read from the environment the manifest is
// built in. The Slack CLI builds the manifest on the developer's machine
// (the get-manifest hook runs with --allow-env), so `slack deploy` and
// `slack run` see the shell's variables and the project's .env. Functions
// read their own settings at run time from `env` (`slack env add`).
//
// Why the manifest depends on it: Run on Slack blocks egress to hosts not in
// outgoingDomains, and an admin approves every host, OAuth provider and
// connector the manifest names. So the manifest names exactly what the chosen
// setup calls, and nothing when Jira and Google Sheets are not used.
import { atlassianSiteHost, outgoingDomainsFor } from "../jsm/jsm_config.ts";

export type JsmMode = "off" | "api_token" | "scoped_token" | "oauth";

export interface DeploymentOptions {
  jsm:
    | { mode: "off" }
    | { mode: "api_token" | "scoped_token"; site: string }
    | { mode: "oauth"; clientId: string };
  /** The Jira Cloud connector's "Open a Jira issue" workflow, when set. */
  jiraCloud?: { domain: string; project: string; issueType: string };
  /** Log each new ticket as a row with the Google Sheets connector. */
  sheets?: { spreadsheetId: string; sheetTitle: string };
  /**
   * Files travel with tickets (HELPDESK_FILES=on): the manifest then asks
   * for files:read and files:write and names files.slack.com.
   */
  files?: boolean;
  /**
   * The report's CSV export (HELPDESK_EXPORT=on): the manifest then asks
   * for files:write and names files.slack.com, which HELPDESK_FILES=on asks
   * for anyway, so either turns exports on.
   */
  export?: boolean;
}

/** The variables deploymentOptions reads, so callers can read only these. */
export const DEPLOYMENT_VARIABLES = [
  "JSM_AUTH",
  "JSM_SITE",
  "JSM_API_TOKEN",
  "JSM_OAUTH_CLIENT_ID",
  "JIRA_CLOUD_DOMAIN",
  "JIRA_PROJECT",
  "JIRA_ISSUE_TYPE",
  "SHEETS_SPREADSHEET_ID",
  "SHEETS_SHEET_TITLE",
  "HELPDESK_FILES",
  "HELPDESK_EXPORT",
] as const;

type Env = Record<string, string | undefined>;

export type DeploymentResult =
  | { ok: true; value: DeploymentOptions }
  | { ok: false; problems: string[] };

/**
 * JSM_AUTH picks the mode; without it, a JSM_API_TOKEN alone means API-token
 * mode, so a project set up before JSM_AUTH existed keeps working.
 */
export function jsmModeOf(env: Env): JsmMode | { problem: string } {
  const auth = env.JSM_AUTH?.trim().toLowerCase();
  if (!auth) return env.JSM_API_TOKEN?.trim() ? "api_token" : "off";
  if (
    auth === "api_token" || auth === "scoped_token" || auth === "oauth" ||
    auth === "off"
  ) return auth;
  return {
    problem:
      `JSM_AUTH must be api_token, scoped_token, oauth or off, not "${env.JSM_AUTH}".`,
  };
}

/**
 * Whether files travel with tickets: the setting that also puts the files
 * scopes in the manifest, read again by each run.
 */
export function filesEnabled(env: Env): boolean {
  return env.HELPDESK_FILES?.trim().toLowerCase() === "on";
}

/**
 * Whether the report may send a CSV: the app can upload files (files:write
 * and files.slack.com), which HELPDESK_EXPORT=on or HELPDESK_FILES=on asks for.
 */
export function exportEnabled(env: Env): boolean {
  return filesEnabled(env) ||
    env.HELPDESK_EXPORT?.trim().toLowerCase() === "on";
}

/** Where Slack's upload URLs and file downloads are (file_copy.ts). */
export const SLACK_FILES_HOST = "files.slack.com";

/** Whether a function run should sync tickets to JSM. */
export function jsmEnabled(env: Env): boolean {
  const mode = jsmModeOf(env);
  return mode === "api_token" || mode === "scoped_token" || mode === "oauth";
}

export function deploymentOptions(env: Env): DeploymentResult {
  const value = (name: string) => env[name]?.trim() || undefined;
  const problems: string[] = [];
  let jsm: DeploymentOptions["jsm"] = { mode: "off" };
  const mode = jsmModeOf(env);
  if (typeof mode === "object") {
    problems.push(mode.problem);
  } else if (mode === "api_token" || mode === "scoped_token") {
    const raw = value("JSM_SITE");
    const site = raw ? atlassianSiteHost(raw) : undefined;
    if (!site) {
      problems.push(
        raw
          ? `JSM_SITE must be your Atlassian site, e.g. acme.atlassian.net, not "${raw}".`
          : `JSM_SITE is not set: with JSM_AUTH=${mode} the manifest must name your Atlassian site (e.g. acme.atlassian.net) as an outgoing domain. Set it in .env before \`slack run\` or \`slack deploy\`.`,
      );
    } else jsm = { mode, site };
  } else if (mode === "oauth") {
    const clientId = value("JSM_OAUTH_CLIENT_ID");
    if (!clientId) {
      problems.push(
        "JSM_OAUTH_CLIENT_ID is not set: with JSM_AUTH=oauth the manifest's Atlassian provider needs the client id of your OAuth 2.0 (3LO) app from developer.atlassian.com. Set it in .env before `slack run` or `slack deploy`.",
      );
    } else jsm = { mode, clientId };
  }

  let jiraCloud: DeploymentOptions["jiraCloud"];
  const domain = value("JIRA_CLOUD_DOMAIN");
  const project = value("JIRA_PROJECT");
  if (domain || project) {
    const host = domain ? atlassianSiteHost(domain) : undefined;
    if (!host) {
      problems.push(
        domain
          ? `JIRA_CLOUD_DOMAIN must be your Jira site, e.g. acme.atlassian.net, not "${domain}".`
          : "JIRA_CLOUD_DOMAIN is not set: the Open a Jira issue workflow needs both JIRA_CLOUD_DOMAIN and JIRA_PROJECT.",
      );
    } else if (!project) {
      problems.push(
        "JIRA_PROJECT is not set: the Open a Jira issue workflow needs both JIRA_CLOUD_DOMAIN and JIRA_PROJECT (a project key, e.g. IT).",
      );
    } else {
      jiraCloud = {
        domain: host,
        project,
        issueType: value("JIRA_ISSUE_TYPE") ?? "Task",
      };
    }
  }

  let sheets: DeploymentOptions["sheets"];
  const spreadsheetId = value("SHEETS_SPREADSHEET_ID");
  if (spreadsheetId) {
    sheets = {
      spreadsheetId,
      sheetTitle: value("SHEETS_SHEET_TITLE") ?? "Tickets",
    };
  }

  const files = value("HELPDESK_FILES")?.toLowerCase();
  if (files && files !== "on" && files !== "off") {
    problems.push(`HELPDESK_FILES must be on or off, not "${files}".`);
  }

  const exports = value("HELPDESK_EXPORT")?.toLowerCase();
  if (exports && exports !== "on" && exports !== "off") {
    problems.push(`HELPDESK_EXPORT must be on or off, not "${exports}".`);
  }

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      jsm,
      ...(files === "on" ? { files: true } : {}),
      ...(exports === "on" ? { export: true } : {}),
      ...(jiraCloud ? { jiraCloud } : {}),
      ...(sheets ? { sheets } : {}),
    },
  };
}

/** The hosts functions call: exactly those of the JSM mode in use. */
export function outgoingDomains(options: DeploymentOptions): string[] {
  const { jsm } = options;
  const files = options.files || options.export ? [SLACK_FILES_HOST] : [];
  if (jsm.mode === "off") return files;
  return [
    ...outgoingDomainsFor({
      kind: jsm.mode === "oauth" ? "oauth" : jsm.mode,
      site: jsm.mode === "oauth" ? undefined : jsm.site,
    }),
    ...files,
  ];
}

/** The bot scopes only a setting adds. */
export function settingScopes(options: DeploymentOptions): string[] {
  if (options.files) return ["files:read", "files:write"];
  return options.export ? ["files:write"] : [];
}
