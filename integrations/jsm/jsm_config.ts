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

export type JsmAuth =
  | {
    kind: "api_token";
    /** The bare host, e.g. acme.atlassian.net. */
    site: string;
    email: string;
    token: string;
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
   * Replaces https://<site> (api_token) or https://api.atlassian.com (oauth),
   * so tests can point the client at a fake.
   */
  baseUrl?: string;
}

export type JsmConfigResult =
  | { ok: true; value: JsmConfig }
  | { ok: false; problem: string };

export const ATLASSIAN_GATEWAY = "https://api.atlassian.com";

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
  if (baseUrl && !/^https?:\/\/[^/]+/.test(baseUrl)) {
    return {
      ok: false,
      problem: `JSM_BASE_URL must be an http(s) URL, not "${baseUrl}".`,
    };
  }
  const rawSite = value("JSM_SITE");
  const site = rawSite ? atlassianSiteHost(rawSite) : undefined;
  if (rawSite && !site) {
    return {
      ok: false,
      problem:
        `JSM_SITE must be your Atlassian site, e.g. acme.atlassian.net, not "${rawSite}".`,
    };
  }
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
    auth = {
      kind: "api_token",
      site: site!,
      email,
      token: value("JSM_API_TOKEN")!,
    };
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

/** Where /rest/servicedeskapi/... lives for this config. */
export function jsmApiBase(config: JsmConfig, cloudId?: string): string {
  if (config.auth.kind === "api_token") {
    return config.baseUrl ?? `https://${config.auth.site}`;
  }
  const id = cloudId ?? config.auth.cloudId;
  if (!id) throw new Error("jsmApiBase: the OAuth cloud id is not known yet");
  return `${config.baseUrl ?? ATLASSIAN_GATEWAY}/ex/jira/${
    encodeURIComponent(id)
  }`;
}

/**
 * The hosts a deployed function calls, for the manifest's outgoingDomains:
 * Run on Slack blocks egress to any other.
 */
export function outgoingDomainsFor(
  auth: { kind: "api_token"; site: string } | { kind: "oauth" },
): string[] {
  if (auth.kind === "oauth") return ["api.atlassian.com"];
  const host = atlassianSiteHost(auth.site);
  if (!host) throw new Error(`not an Atlassian site: ${auth.site}`);
  return [host];
}
