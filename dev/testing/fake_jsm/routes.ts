// The fake JSM's endpoints and its credential checks, as strict as
// Atlassian's: a classic API token (Basic) works at the site only; a scoped
// API token (Basic, a person's or a service account's) and an OAuth 2.0
// (3LO) token (Bearer) only through the gateway's /ex/jira/{cloudId} prefix
// (support.atlassian.com, "401 Unauthorized error when service account
// accesses Jira or Confluence API"); an expired OAuth token gets the
// gateway's 401. The site's /_edge/tenant_info answers {cloudId} to anyone.
import type { JsmSite, RouteResult } from "./site.ts";
import { routePlatform } from "./platform_routes.ts";
import { platformError } from "./jql_search.ts";
import { attachmentMarkup, type MultipartPart } from "./attachments.ts";
import {
  attachmentJson,
  commentJson,
  FakeJsmError,
  jsmError,
  pageJson,
  requestJson,
} from "./json_shapes.ts";

export type { RouteResult } from "./site.ts";

const SD = "/rest/servicedeskapi";

export function routeJsm(
  fake: JsmSite,
  method: string,
  url: URL,
  body: unknown,
  headers: Headers,
): RouteResult {
  const { options, desk } = fake;
  const authorization = headers.get("authorization") ?? "";
  const now = fake.now();
  const gateway = url.pathname.match(/^\/ex\/jira\/([^/]+)(\/.*)$/);
  const path = gateway ? gateway[2] : url.pathname;
  if (method === "GET" && url.pathname === "/_edge/tenant_info") {
    return { status: 200, body: { cloudId: options.cloudId } };
  }
  checkAuth(fake, method, url.pathname, gateway?.[1], authorization);
  if (
    method === "GET" && url.pathname === "/oauth/token/accessible-resources"
  ) {
    return {
      status: 200,
      body: [{
        id: options.cloudId,
        url: fake.baseUrl,
        name: "acme",
        scopes: options.scopes,
        avatarUrl: `${fake.baseUrl}/avatar.png`,
      }],
    };
  }
  const base = gateway ? `${fake.baseUrl}/ex/jira/${gateway[1]}` : fake.baseUrl;
  const render = (r: Parameters<typeof requestJson>[1]) =>
    requestJson(desk, r, base, fake.baseUrl);
  const caller = desk.seed.agent.accountId;
  const q = url.searchParams;

  const serviceDesk = path.match(new RegExp(`^${SD}/servicedesk/([^/]+)$`));
  if (serviceDesk && method === "GET") {
    const id = decodeURIComponent(serviceDesk[1]);
    if (id !== options.serviceDeskId) {
      throw jsmError(404, `Service Desk with id ${id} does not exist.`);
    }
    return {
      status: 200,
      body: {
        id,
        projectId: "10000",
        projectName: "IT Help",
        projectKey: options.projectKey,
        _links: { self: `${base}${path}` },
      },
    };
  }
  const temporary = path.match(
    new RegExp(`^${SD}/servicedesk/([^/]+)/attachTemporaryFile$`),
  );
  if (temporary && method === "POST") {
    if (decodeURIComponent(temporary[1]) !== options.serviceDeskId) {
      throw jsmError(
        404,
        `Service Desk with id ${temporary[1]} does not exist.`,
      );
    }
    const parts = Array.isArray(body) ? body as MultipartPart[] : [];
    return desk.attachments.attachTemporary(parts, headers);
  }
  const attachments = path.match(
    new RegExp(`^${SD}/request/([^/]+)/attachment$`),
  );
  if (attachments) {
    const request = desk.get(decodeURIComponent(attachments[1]));
    if (method === "POST") {
      const { temporaryAttachmentIds, public: isPublic } = asObject(body);
      const added = desk.attachments.attach(
        request.issueKey,
        temporaryAttachmentIds,
        isPublic,
        caller,
        now,
      );
      // JSM adds a comment that shows the files, public or internal as
      // they are.
      const comment = desk.addComment(
        request,
        added.map(attachmentMarkup).join("\n"),
        isPublic,
        caller,
        now,
      );
      const values = added.map((a) => attachmentJson(desk, a, base));
      return {
        status: 201,
        body: {
          comment: commentJson(desk, comment),
          attachments: pageJson(values, q, `${base}${path}`),
        },
      };
    }
    if (method === "GET") {
      const all = (desk.attachments.byRequest.get(request.issueKey) ?? [])
        .map((a) => attachmentJson(desk, a, base));
      return { status: 200, body: pageJson(all, q, `${base}${path}`) };
    }
  }
  const content = path.match(/^\/rest\/api\/3\/attachment\/content\/(\d+)$/);
  if (content && method === "GET") {
    const found = desk.attachments.find(content[1]);
    // A platform endpoint: Jira's error shape, {errorMessages, errors}.
    if (!found) {
      throw platformError(
        404,
        `The attachment with id '${content[1]}' does not exist`,
      );
    }
    // Jira's "Get attachment content" redirects (303) to Atlassian's media
    // host unless asked not to with redirect=false; that host is not one
    // Helpdesk's manifest names, so following it would fail on Slack.
    if (q.get("redirect") !== "false") {
      return {
        status: 303,
        headers: {
          location:
            `https://api.media.atlassian.com/file/${crypto.randomUUID()}/binary?token=fake`,
        },
      };
    }
    return { status: 200, bytes: { data: found.bytes, type: found.mimeType } };
  }
  if (path === `${SD}/request`) {
    if (method === "POST") {
      return { status: 201, body: render(desk.create(asObject(body), now)) };
    }
    if (method === "GET") {
      const found = desk.search(q, caller).map(render);
      return { status: 200, body: pageJson(found, q, `${base}${path}`) };
    }
  }
  const one = path.match(new RegExp(`^${SD}/request/([^/]+)(/[a-z]+)?$`));
  if (one) {
    const request = desk.get(decodeURIComponent(one[1]));
    const sub = one[2];
    if (!sub && method === "GET") return { status: 200, body: render(request) };
    if (sub === "/comment" && method === "POST") {
      const { body: text, public: isPublic } = asObject(body);
      const comment = desk.addComment(request, text, isPublic, caller, now);
      return { status: 201, body: commentJson(desk, comment) };
    }
    if (sub === "/comment" && method === "GET") {
      const all = request.comments.map((c) => commentJson(desk, c));
      return { status: 200, body: pageJson(all, q, `${base}${path}`) };
    }
    // Customer transitions: what the portal offers customers, which leaves
    // out agent steps such as In progress ("Returns a list of transitions
    // that customers can perform on the request").
    if (sub === "/transition" && method === "GET") {
      const edges = desk.transitionsFor(request, "customer").map((
        { id, name },
      ) => ({ id, name }));
      return { status: 200, body: pageJson(edges, q, `${base}${path}`) };
    }
    if (sub === "/transition" && method === "POST") {
      const { id, additionalComment } = asObject(body);
      if (!desk.transition(request, id, "customer", now)) {
        throw jsmError(400, `Transition ${id} is not valid for this request.`);
      }
      const extra = (additionalComment as { body?: unknown })?.body;
      if (extra !== undefined) {
        desk.addComment(request, extra, true, caller, now);
      }
      return { status: 204 };
    }
  }
  const platform = routePlatform(fake, method, path, q, body, base);
  if (platform) return platform;
  throw jsmError(404, `No ${method} ${path} in the fake JSM.`);
}

function checkAuth(
  fake: JsmSite,
  method: string,
  pathname: string,
  cloudId: string | undefined,
  authorization: string,
) {
  const { options } = fake;
  const unauthenticated = () =>
    jsmError(401, "Client must be authenticated to access this resource.");
  if (authorization.startsWith("Basic ")) {
    const [email, token] = splitBasic(decodeBasic(authorization.slice(6)));
    const classic = email === options.email && token === options.apiToken;
    const scoped = email === options.email && token === options.scopedToken;
    if (cloudId === undefined) {
      // A scoped token at the site itself: Atlassian's 401, not a 403.
      if (classic) return;
      throw unauthenticated();
    }
    if (!scoped) {
      throw new FakeJsmError(401, { code: 401, message: "Unauthorized" });
    }
    if (cloudId !== options.cloudId) {
      throw new FakeJsmError(404, { code: 404, message: "Site not found" });
    }
    return;
  }
  if (!authorization.startsWith("Bearer ")) throw unauthenticated();
  if (authorization.slice(7) !== fake.accessToken) {
    // Expired, revoked or never issued: the gateway's own 401.
    throw new FakeJsmError(401, { code: 401, message: "Unauthorized" });
  }
  if (pathname === "/oauth/token/accessible-resources") return;
  // Bearer tokens are for the gateway, not the site itself.
  if (cloudId === undefined) throw unauthenticated();
  if (cloudId !== options.cloudId) {
    throw new FakeJsmError(404, { code: 404, message: "Site not found" });
  }
  const needed = scopeFor(method, pathname.replace(/^\/ex\/jira\/[^/]+/, ""));
  if (!options.scopes.includes(needed)) {
    throw new FakeJsmError(401, {
      code: 401,
      message: "Unauthorized; scope does not match",
    });
  }
}

function splitBasic(decoded: string): [string, string] {
  const colon = decoded.indexOf(":");
  return colon === -1
    ? [decoded, ""]
    : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function decodeBasic(encoded: string): string {
  try {
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return "";
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    return body as Record<string, unknown>;
  }
  throw jsmError(400, "The request body must be a JSON object.");
}

/**
 * The OAuth scope a call needs (Atlassian's scope pages): servicedeskapi
 * reads and writes need the servicedesk-request scopes, the platform's
 * issue transitions and search need jira-work (a search sent by POST is
 * still a read).
 */
function scopeFor(method: string, path: string): string {
  if (path.startsWith("/rest/api/")) {
    const read = method === "GET" || path === "/rest/api/3/search/jql";
    return read ? "read:jira-work" : "write:jira-work";
  }
  return method === "GET"
    ? "read:servicedesk-request"
    : "write:servicedesk-request";
}
