// Which Atlassian site an OAuth grant is for. GET https://api.atlassian.com/
// oauth/token/accessible-resources answers [{id (the cloudId), url, name,
// scopes, avatarUrl}], one entry per site the grant covers, in no
// particular order (developer.atlassian.com, "Making calls to API"); a JSM
// site's entry carries servicedesk scopes such as read:servicedesk-request.
import { JsmError } from "./jsm_errors.ts";
import { atlassianSiteHost } from "./jsm_config.ts";

export interface AccessibleResource {
  id: string;
  url?: string;
  name?: string;
  scopes?: string[];
}

/**
 * The cloudId of the site to use: the one whose url is `site` when given,
 * else the first with a service desk scope. Since the order is not
 * guaranteed, a grant over several sites should set JSM_SITE or JSM_CLOUD_ID.
 */
export function pickServiceDeskSite(
  resources: unknown,
  site?: string,
): string {
  const list = Array.isArray(resources) ? resources.filter(isResource) : [];
  const withServiceDesk = list.filter((r) =>
    (r.scopes ?? []).some((scope) =>
      /servicedesk|service-management/.test(scope)
    )
  );
  if (site) {
    const host = atlassianSiteHost(site);
    const match = withServiceDesk.find((r) => hostOf(r.url) === host);
    if (match) return match.id;
  }
  const first = withServiceDesk[0];
  if (first) return first.id;
  const granted = list.map((r) => r.url ?? r.name ?? r.id).join(", ");
  throw new JsmError(
    "forbidden",
    `the Atlassian authorization grants no Jira Service Management site${
      granted ? ` (it covers: ${granted})` : ""
    }; it needs write:servicedesk-request on the site`,
    { status: 403, path: "/oauth/token/accessible-resources" },
  );
}

function isResource(value: unknown): value is AccessibleResource {
  return typeof (value as AccessibleResource)?.id === "string";
}

function hostOf(url: string | undefined): string | undefined {
  return url ? atlassianSiteHost(url) : undefined;
}
