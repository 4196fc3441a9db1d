// Where Helpdesk's Jira Service Management settings come from, and which
// hosts each auth mode calls. Facts behind it:
// - API token auth is HTTP Basic with base64(email:token) against the site,
//   https://<site>.atlassian.net (developer.atlassian.com, "Basic auth for
//   REST APIs").
// - OAuth 2.0 (3LO) calls go through https://api.atlassian.com/ex/jira/
//   {cloudId}; the cloudId is the `id` of an entry of GET https://
//   api.atlassian.com/oauth/token/accessible-resources (developer.atlassian
//   .com, "Making calls to API").
// - With Slack's external auth, Slack exchanges and refreshes the token, so
//   functions themselves never call auth.atlassian.com.
// - Scoped API tokens, the only kind a service account can create, are Basic
//   auth too, but work only through https://api.atlassian.com/ex/jira/
//   {cloudId}; at the site itself they get 401 (support.atlassian.com,
//   "Manage API tokens for your Atlassian account" and "401 Unauthorized
//   error when service account accesses Jira or Confluence API"). The cloud
//   id of a site is {"cloudId"} at https://<site>/_edge/tenant_info
//   (support.atlassian.com, "How to find your Atlassian Cloud site's cloud
//   ID"). Classic tokens expire within a year since 2025, scoped ones in 1
//   to 365 days: either way the token is replaced with `slack env add`.

export type JsmAuth =
  | {
    kind: "api_token";
    /** The bare host, e.g. acme.atlassian.net. */
    site: string;
    email: string;
    token: string;
  }
  | {
    /** A scoped API token (a person's, or a service account's). */
    kind: "scoped_token";
    site: string;
    email: string;
    token: string;
    /** Found through the site's tenant_info when absent. */
    cloudId?: string;
  }
  | {
    kind: "oauth";
    accessToken: string;
    /** Found through accessible-resources when absent. */
    cloudId?: string;
    /** Picks among several granted sites, e.g. acme.atlassian.net. */
    site?: string;
  };

export interface JsmConfig {
  auth: JsmAuth;
  serviceDeskId: string;
  requestTypeId: string;
  /**
   * JSM_BASE_URL: replaces both https://<site> and https://api.atlassian.com
   * (the paths stay Atlassian's), for a proxy an enterprise routes Atlassian
   * through, or the fake JSM in tests and the local workspace. https only,
   * to a host the manifest's outgoingDomains names (Run on Slack blocks any
   * other); plain http only to this machine (127.0.0.1, localhost).
   */
  baseUrl?: string;
}

export type JsmConfigResult =
  | { ok: true; value: JsmConfig }
  | { ok: false; problem: string };

export const ATLASSIAN_GATEWAY = "https://api.atlassian.com";

/** Hosts where http is allowed: the fakes on this machine, never Slack's. */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

const API_TOKEN_VARIABLES = [
  "JSM_SITE",
  "JSM_EMAIL",
  "JSM_API_TOKEN",
  "JSM_SERVICE_DESK_ID",
  "JSM_REQUEST_TYPE_ID",
] as const;

/**
 * Reads the API-token settings, or, given the OAuth token Slack's external
 * auth handed the function, the OAuth ones (then only the two ids are
 * required; JSM_CLOUD_ID and JSM_SITE are optional).
 */
export function jsmConfigFromEnv(
  env: Record<string, string | undefined>,
  oauthAccessToken?: string,
): JsmConfigResult {
  const value = (name: string) => env[name]?.trim() || undefined;
  const required = oauthAccessToken
    ? ["JSM_SERVICE_DESK_ID", "JSM_REQUEST_TYPE_ID"]
    : API_TOKEN_VARIABLES;
  const missing = required.filter((name) => !value(name));
  if (missing.length > 0) {
    const list = missing.join(", ");
    return {
      ok: false,
      problem: `Jira Service Management is not configured: ${list} ${
        missing.length === 1 ? "is" : "are"
      } not set. For a deployed app run \`slack env add ${
        missing[0]
      } <value>\` for each; for \`slack run\` add ${
        missing.map((name) => `${name}=…`).join(", ")
      } to .env.`,
    };
  }
  const serviceDeskId = value("JSM_SERVICE_DESK_ID")!;
  const requestTypeId = value("JSM_REQUEST_TYPE_ID")!;
  for (
    const [name, id] of [
      ["JSM_SERVICE_DESK_ID", serviceDeskId],
      ["JSM_REQUEST_TYPE_ID", requestTypeId],
    ]
  ) {
    // JSM ids are numbers; a project key or name here is a common mistake.
    if (!/^\d+$/.test(id)) {
      return {
        ok: false,
        problem:
          `${name} must be the numeric id from JSM (e.g. 3), not "${id}".`,
      };
    }
  }
  const baseUrl = value("JSM_BASE_URL");
  const rawSite = value("JSM_SITE");
  const site = rawSite ? atlassianSiteHost(rawSite) : undefined;
  if (rawSite && !site) {
    return {
      ok: false,
      problem:
        `JSM_SITE must be your Atlassian site, e.g. acme.atlassian.net, not "${rawSite}".`,
    };
  }
  const scoped = !oauthAccessToken &&
    env.JSM_AUTH?.trim().toLowerCase() === "scoped_token";
  let auth: JsmAuth;
  if (oauthAccessToken) {
    auth = {
      kind: "oauth",
      accessToken: oauthAccessToken,
      cloudId: value("JSM_CLOUD_ID"),
      site,
    };
  } else {
    const email = value("JSM_EMAIL")!;
    if (!email.includes("@")) {
      return {
        ok: false,
        problem:
          `JSM_EMAIL must be the email of the Atlassian account that owns the API token, not "${email}".`,
      };
    }
    auth = scoped
      ? {
        kind: "scoped_token",
        site: site!,
        email,
        token: value("JSM_API_TOKEN")!,
        cloudId: value("JSM_CLOUD_ID"),
      }
      : {
        kind: "api_token",
        site: site!,
        email,
        token: value("JSM_API_TOKEN")!,
      };
  }
  if (baseUrl) {
    const problem = baseUrlProblem(baseUrl, outgoingDomainsFor(auth, site));
    if (problem) return { ok: false, problem };
  }
  return {
    ok: true,
    value: {
      auth,
      serviceDeskId,
      requestTypeId,
      baseUrl: baseUrl?.replace(/\/+$/, ""),
    },
  };
}

/**
 * "acme", "acme.atlassian.net" and "https://acme.atlassian.net/" all mean
 * acme.atlassian.net; anything that is not an *.atlassian.net host is
 * undefined, because API tokens only work against Atlassian Cloud sites.
 */
export function atlassianSiteHost(input: string): string | undefined {
  let host = input.trim().toLowerCase().replace(/^https?:\/\//, "");
  host = host.replace(/[/?#].*$/, "");
  if (!host.includes(".")) host = `${host}.atlassian.net`;
  return /^[a-z0-9][a-z0-9-]*\.atlassian\.net$/.test(host) ? host : undefined;
}

/** Why JSM_BASE_URL can't be used, or undefined when it can. */
function baseUrlProblem(
  raw: string,
  declared: readonly string[],
): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `JSM_BASE_URL must be an https URL, not "${raw}".`;
  }
  const local = LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !(local && url.protocol === "http:")) {
    return `JSM_BASE_URL must be an https URL (plain http only to 127.0.0.1 or localhost), not "${raw}": it carries the JSM credentials.`;
  }
  if (!local && !declared.includes(url.hostname)) {
    return `JSM_BASE_URL's host ${url.hostname} is not among the manifest's outgoing domains (${
      declared.join(", ")
    }), so Slack would block every call to it. Leave JSM_BASE_URL unset to call Atlassian directly.`;
  }
  return undefined;
}

/** The site's own address, e.g. https://acme.atlassian.net. */
export function jsmSiteBase(config: JsmConfig): string {
  if (config.auth.kind === "oauth") {
    throw new Error("jsmSiteBase: OAuth calls go through the gateway");
  }
  return config.baseUrl ?? `https://${config.auth.site}`;
}

/** Where /rest/servicedeskapi/... lives for this config. */
export function jsmApiBase(config: JsmConfig, cloudId?: string): string {
  if (config.auth.kind === "api_token") return jsmSiteBase(config);
  const id = cloudId ?? config.auth.cloudId;
  if (!id) throw new Error("jsmApiBase: the cloud id is not known yet");
  return `${config.baseUrl ?? ATLASSIAN_GATEWAY}/ex/jira/${
    encodeURIComponent(id)
  }`;
}

/**
 * The hosts a deployed function calls, for the manifest's outgoingDomains:
 * Run on Slack blocks egress to any other. A scoped token calls the site
 * once (tenant_info, for the cloud id, unless JSM_CLOUD_ID is set) and the
 * gateway for everything else.
 */
export function outgoingDomainsFor(
  auth: { kind: JsmAuth["kind"]; site?: string },
  site = auth.site,
): string[] {
  if (auth.kind === "oauth") return ["api.atlassian.com"];
  const host = site ? atlassianSiteHost(site) : undefined;
  if (!host) throw new Error(`not an Atlassian site: ${site}`);
  return auth.kind === "scoped_token" ? [host, "api.atlassian.com"] : [host];
}
