// A local stand-in for Jira Service Management's REST API, for tests of the
// JSM client and of whatever syncs tickets to JSM. Point JSM_BASE_URL (or
// JsmConfig.baseUrl) at `baseUrl`: it serves the site's /rest/servicedeskapi
// and the Jira endpoints Helpdesk uses (issue transitions, JQL search, with
// its index lag) for API-token (Basic) auth, and the gateway's
// /ex/jira/{cloudId}/... and /oauth/token/accessible-resources for OAuth
// (Bearer) auth.
//
// It records every call, checks credentials (401) and OAuth scopes (401
// "scope does not match", as the gateway does), can inject failures with
// Retry-After, add latency, and answer one call late after acting on it
// (`slowOnce`), which is how a create that timed out can still exist, or
// answer a failure after acting on it (`afterEffect`: a 5xx whose write
// landed).
import type { JsmConfig } from "../../../integrations/jsm/jsm_config.ts";
import { routeJsm } from "./routes.ts";
import {
  type FakeCustomer,
  type FakeRequest,
  FakeServiceDesk,
} from "./service_desk.ts";
import { FakeJsmError } from "./json_shapes.ts";
import {
  type InjectedJsmFailure,
  Injections,
  type JsmRateLimit,
  matchesPath,
  type PathPattern,
} from "./injections.ts";

import type { FakeJsmOptions, RouteResult } from "./site.ts";
import type { MultipartPart } from "./attachments.ts";

export type { InjectedJsmFailure, PathPattern } from "./injections.ts";

export type { FakeJsmOptions } from "./site.ts";

export interface FakeJsmCall {
  method: string;
  /** Without any /ex/jira/{cloudId} prefix. */
  path: string;
  query: URLSearchParams;
  body?: unknown;
  auth: "basic" | "bearer" | "none";
  status: number;
  /** Carried out, even when its answer is an (injected) failure. */
  tookEffect: boolean;
  startedAt: number;
  endedAt: number;
}

export const FAKE_CUSTOMER: FakeCustomer = {
  accountId: "557058:customer-ada",
  emailAddress: "ada@acme.test",
  displayName: "Ada Lovelace",
};

export class FakeJsm {
  readonly calls: FakeJsmCall[] = [];
  readonly desk: FakeServiceDesk;
  readonly options: Required<Omit<FakeJsmOptions, "customers">>;
  latencyMs: number;
  /**
   * Run after a call took effect and before JSM answers it: a test delivers
   * JSM's webhook for what the call made here, as JSM may send it before
   * the caller has its answer.
   */
  beforeAnswer?: (call: FakeJsmCall) => Promise<void> | void;
  /** See FakeJsmOptions.searchLagMs; tests may change it at any time. */
  searchLagMs: number;
  /**
   * The desk's clock (epoch ms): when requests are created and how old the
   * search finds them. Tests that move Helpdesk's clock forward move this.
   */
  now: () => number = Date.now;
  /** The OAuth access token the gateway takes now (see expireAccessToken). */
  accessToken: string;
  readonly #injections = new Injections();
  /** Ends the waits of answers still held back, so close() is prompt. */
  readonly #pendingWaits = new Set<() => void>();
  #server: Deno.HttpServer<Deno.NetAddr>;

  constructor(options: FakeJsmOptions = {}) {
    this.options = {
      email: options.email ?? "agent@acme.test",
      apiToken: options.apiToken ?? "api-token-1",
      scopedToken: options.scopedToken ?? "scoped-api-token-1",
      accessToken: options.accessToken ?? "oauth-access-token-1",
      cloudId: options.cloudId ?? "0f7c5d1e-6a1b-4c2d-9e3f-1a2b3c4d5e6f",
      scopes: options.scopes ?? [
        "read:servicedesk-request",
        "write:servicedesk-request",
        "read:jira-work",
        "write:jira-work",
      ],
      searchLagMs: options.searchLagMs ?? 2_000,
      transitionPermission: options.transitionPermission ?? true,
      serviceDeskId: options.serviceDeskId ?? "1",
      requestTypeIds: options.requestTypeIds ?? ["10"],
      projectKey: options.projectKey ?? "IT",
      latencyMs: options.latencyMs ?? 0,
    };
    this.latencyMs = this.options.latencyMs;
    this.accessToken = this.options.accessToken;
    this.searchLagMs = this.options.searchLagMs;
    this.desk = new FakeServiceDesk({
      serviceDeskId: this.options.serviceDeskId,
      requestTypeIds: this.options.requestTypeIds,
      projectKey: this.options.projectKey,
      agent: {
        accountId: "557058:agent",
        emailAddress: this.options.email,
        displayName: "Helpdesk Agent",
      },
      customers: options.customers ?? [FAKE_CUSTOMER],
    });
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (request) => this.#handle(request),
    );
  }

  /** Stands for both https://<site> and https://api.atlassian.com. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** By issue key, e.g. "IT-1". */
  get requests(): Map<string, FakeRequest> {
    return this.desk.requests;
  }

  apiTokenConfig(overrides: Partial<JsmConfig> = {}): JsmConfig {
    return {
      auth: {
        kind: "api_token",
        site: "acme.atlassian.net",
        email: this.options.email,
        token: this.options.apiToken,
      },
      serviceDeskId: this.options.serviceDeskId,
      requestTypeId: this.options.requestTypeIds[0],
      baseUrl: this.baseUrl,
      ...overrides,
    };
  }

  oauthConfig(overrides: Partial<JsmConfig> = {}): JsmConfig {
    return {
      ...this.apiTokenConfig(),
      auth: { kind: "oauth", accessToken: this.options.accessToken },
      ...overrides,
    };
  }

  /** A function run's env for API-token mode, pointed at this fake. */
  apiTokenEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      JSM_AUTH: "api_token",
      JSM_SITE: "acme.atlassian.net",
      JSM_EMAIL: this.options.email,
      JSM_API_TOKEN: this.options.apiToken,
      JSM_SERVICE_DESK_ID: this.options.serviceDeskId,
      JSM_REQUEST_TYPE_ID: this.options.requestTypeIds[0],
      JSM_BASE_URL: this.baseUrl,
      ...overrides,
    };
  }

  /** The env for OAuth mode; the token itself comes from external auth. */
  oauthEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      JSM_AUTH: "oauth",
      JSM_SERVICE_DESK_ID: this.options.serviceDeskId,
      JSM_REQUEST_TYPE_ID: this.options.requestTypeIds[0],
      JSM_BASE_URL: this.baseUrl,
      ...overrides,
    };
  }

  /**
   * The OAuth token in use stops working (expired or revoked early): the
   * gateway answers 401 to it, and takes `next`, the token a forced refresh
   * hands out (FakeSlack.externalTokenRefreshes), from now on.
   */
  expireAccessToken(next: string) {
    this.accessToken = next;
  }

  /** The env for a scoped API token (or a service account's), via the gateway. */
  scopedTokenEnv(
    overrides: Record<string, string> = {},
  ): Record<string, string> {
    return this.apiTokenEnv({
      JSM_AUTH: "scoped_token",
      JSM_API_TOKEN: this.options.scopedToken,
      ...overrides,
    });
  }

  fail(pattern: PathPattern, failure: InjectedJsmFailure) {
    this.#injections.fail(pattern, failure);
  }

  /**
   * Matching calls are rate-limited for `retryAfter` seconds from now, by
   * the fake's clock (`now`): see JsmRateLimit for what JSM answers then.
   */
  rateLimit(
    pattern: PathPattern,
    limit: { retryAfter: number; reason?: string; method?: string },
  ) {
    this.#injections.rateLimit(pattern, {
      untilMs: this.now() + limit.retryAfter * 1000,
      reason: limit.reason ?? "jira-burst-based",
    }, limit.method);
  }

  /** The next matching call is carried out, then answered after `delayMs`. */
  slowOnce(pattern: PathPattern, delayMs: number, method?: string) {
    this.#injections.slowOnce(pattern, delayMs, method);
  }

  callsTo(method: string, pattern: PathPattern): FakeJsmCall[] {
    return this.calls.filter((c) =>
      c.method === method && matchesPath(pattern, c.path)
    );
  }

  /** Drops every staged failure and slow answer. */
  clearFailures() {
    this.#injections.clear();
  }

  async close() {
    for (const finish of this.#pendingWaits) finish();
    await this.#server.shutdown();
  }

  async [Symbol.asyncDispose]() {
    await this.close();
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.#pendingWaits.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.#pendingWaits.add(finish);
    });
  }

  async #handle(request: Request): Promise<Response> {
    const startedAt = performance.now();
    const url = new URL(request.url);
    const body = await readBody(request);
    const authorization = request.headers.get("authorization") ?? "";
    const auth = authorization.startsWith("Basic ")
      ? "basic"
      : authorization.startsWith("Bearer ")
      ? "bearer"
      : "none";
    if (this.latencyMs > 0) await this.#delay(this.latencyMs);
    const call: FakeJsmCall = {
      method: request.method,
      path: url.pathname.replace(/^\/ex\/jira\/[^/]+/, ""),
      query: url.searchParams,
      body,
      auth,
      status: 0,
      tookEffect: false,
      startedAt,
      endedAt: 0,
    };
    const headers: Record<string, string> = {
      "content-type": "application/json",
    };
    let answer: unknown;
    let raw: RouteResult | undefined;
    const limited = this.#injections.limitFor(
      call.method,
      call.path,
      this.now(),
    );
    const failure = limited
      ? rateLimited(limited, this.now(), headers)
      : this.#injections.takeFailure(call.method, call.path);
    if (!failure || failure.afterEffect) {
      try {
        const result = routeJsm(
          this,
          request.method,
          url,
          body,
          request.headers,
        );
        call.status = result.status;
        call.tookEffect = result.status < 400;
        answer = result.body;
        raw = result;
      } catch (error) {
        if (!(error instanceof FakeJsmError)) throw error;
        call.status = error.status;
        answer = error.body;
      }
    }
    // A call refused on its own merits answers that, lost answer or not.
    if (failure && (!failure.afterEffect || call.tookEffect)) {
      call.status = failure.status;
      raw = undefined;
      if (failure.retryAfter !== undefined) {
        headers["retry-after"] = String(failure.retryAfter);
      }
      // A rate limit's body is null: nothing at all is sent.
      answer = "body" in failure ? failure.body ?? undefined : {
        errorMessage: `Injected failure: HTTP ${failure.status}`,
      };
    }
    // Logged before a held-back answer, since the call already took effect.
    this.calls.push(call);
    await this.beforeAnswer?.(call);
    const slowMs = this.#injections.takeSlow(call.method, call.path);
    if (slowMs !== undefined) await this.#delay(slowMs);
    call.endedAt = performance.now();
    Object.assign(headers, raw?.headers ?? {});
    if (raw?.bytes) {
      headers["content-type"] = raw.bytes.type;
      return new Response(raw.bytes.data.slice(), {
        status: call.status,
        headers,
      });
    }
    if (raw?.text !== undefined) {
      headers["content-type"] = "text/plain";
      return new Response(raw.text, { status: call.status, headers });
    }
    return new Response(
      answer === undefined ? null : JSON.stringify(answer),
      { status: call.status, headers },
    );
  }
}

/** A call a rate limit refuses: its headers set, and no body. */
function rateLimited(
  limit: JsmRateLimit,
  nowMs: number,
  headers: Record<string, string>,
): InjectedJsmFailure {
  const wait = Math.max(1, Math.ceil((limit.untilMs - nowMs) / 1000));
  headers["x-ratelimit-reset"] = new Date(nowMs + wait * 1000).toISOString()
    .slice(0, 16) + "Z";
  headers["ratelimit-reason"] = limit.reason;
  return { status: 429, retryAfter: wait, body: null };
}

/** JSON, text, or a multipart body's parts (attachTemporaryFile). */
async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    try {
      const form = await request.formData();
      const parts: MultipartPart[] = [];
      for (const [name, value] of form) {
        parts.push(
          value instanceof File
            ? {
              name,
              filename: value.name,
              type: value.type,
              bytes: new Uint8Array(await value.arrayBuffer()),
            }
            : { name, bytes: new TextEncoder().encode(value) },
        );
      }
      return parts;
    } catch {
      return [];
    }
  }
  const text = await request.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** Async so callers need not change should start-up ever await something. */
export function startFakeJsm(options: FakeJsmOptions = {}): Promise<FakeJsm> {
  return Promise.resolve(new FakeJsm(options));
}
