// The fake JSM's endpoints and its credential checks. Basic auth is the
// site's; Bearer tokens only work through the gateway's /ex/jira/{cloudId}
// prefix, as with Atlassian's OAuth 2.0 (3LO).
import type { FakeJsm } from "./server.ts";
import { WORKFLOW } from "./service_desk.ts";
import {
  commentJson,
  FakeJsmError,
  jsmError,
  pageJson,
  requestJson,
} from "./json_shapes.ts";

export interface RouteResult {
  status: number;
  body?: unknown;
}

const SD = "/rest/servicedeskapi";

export function routeJsm(
  fake: FakeJsm,
  method: string,
  url: URL,
  body: unknown,
  headers: Headers,
): RouteResult {
  const { options, desk } = fake;
  const authorization = headers.get("authorization") ?? "";
  const now = Date.now();
  const gateway = url.pathname.match(/^\/ex\/jira\/([^/]+)(\/.*)$/);
  const path = gateway ? gateway[2] : url.pathname;
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
    if (sub === "/transition" && method === "GET") {
      const edges = WORKFLOW[request.status].map(({ id, name }) => ({
        id,
        name,
      }));
      return { status: 200, body: pageJson(edges, q, `${base}${path}`) };
    }
    if (sub === "/transition" && method === "POST") {
      const { id, additionalComment } = asObject(body);
      desk.transition(request, id, now);
      const extra = (additionalComment as { body?: unknown })?.body;
      if (extra !== undefined) {
        desk.addComment(request, extra, true, caller, now);
      }
      return { status: 204 };
    }
  }
  const customers = path.match(
    new RegExp(`^${SD}/servicedesk/([^/]+)/customer$`),
  );
  if (customers && method === "GET") {
    // Experimental resources want the opt-in header (servicedeskapi docs).
    if (headers.get("x-experimentalapi") !== "opt-in") {
      throw jsmError(
        400,
        "This experimental API needs X-ExperimentalApi: opt-in.",
      );
    }
    if (customers[1] !== options.serviceDeskId) {
      throw jsmError(404, `Service desk ${customers[1]} does not exist.`);
    }
    const found = desk.customersMatching(q.get("query") ?? "");
    return { status: 200, body: pageJson(found, q, `${base}${path}`) };
  }
  throw jsmError(404, `No ${method} ${path} in the fake JSM.`);
}

function checkAuth(
  fake: FakeJsm,
  method: string,
  pathname: string,
  cloudId: string | undefined,
  authorization: string,
) {
  const { options } = fake;
  if (authorization.startsWith("Basic ")) {
    const expected = `${options.email}:${options.apiToken}`;
    if (decodeBasic(authorization.slice(6)) === expected) return;
    throw jsmError(
      401,
      "Client must be authenticated to access this resource.",
    );
  }
  if (!authorization.startsWith("Bearer ")) {
    throw jsmError(
      401,
      "Client must be authenticated to access this resource.",
    );
  }
  if (authorization.slice(7) !== options.accessToken) {
    throw new FakeJsmError(401, { code: 401, message: "Unauthorized" });
  }
  if (pathname === "/oauth/token/accessible-resources") return;
  if (cloudId === undefined) {
    // Bearer tokens are for the gateway, not the site itself.
    throw jsmError(
      401,
      "Client must be authenticated to access this resource.",
    );
  }
  if (cloudId !== options.cloudId) {
    throw new FakeJsmError(404, { code: 404, message: "Site not found" });
  }
  const needed = method === "GET"
    ? "read:servicedesk-request"
    : "write:servicedesk-request";
  if (!options.scopes.includes(needed)) {
    throw new FakeJsmError(401, {
      code: 401,
      message: "Unauthorized; scope does not match",
    });
  }
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
