// The JSM connection a function run holds: the credentials, one deadline for
// every operation (withRetries, a per-attempt timeout), a forced token
// refresh after a 401 in OAuth mode, and the cloud id the gateway needs.
// The operations themselves are plain functions beside it, one small file
// per kind (customer_requests.ts, request_search.ts, transitions.ts,
// request_comments.ts, request_attachments.ts, issue_links.ts,
// service_desk.ts), so a function bundles only the ones it calls.
// Shapes, from Atlassian's REST references, are cited in each of them.
import {
  ATLASSIAN_GATEWAY,
  jsmApiBase,
  type JsmAuth,
  type JsmConfig,
  jsmSiteBase,
} from "./jsm_config.ts";
import { JsmError } from "./jsm_errors.ts";
import { type JsmCall, sendJsm } from "./jsm_http.ts";
import {
  DEFAULT_DEADLINE_MS,
  isRetryable,
  withRetries,
} from "./retry_policy.ts";
import { pickServiceDeskSite } from "./accessible_resources.ts";

export interface JsmClientOptions {
  fetch?: typeof fetch;
  /** Overall budget of one operation, retries included. */
  deadlineMs?: number;
  /**
   * An absolute end (epoch ms) shared by every operation of this client, so
   * a sync that creates and then transitions stays inside one time limit.
   */
  deadlineAt?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  perAttemptTimeoutMs?: number;
  /**
   * OAuth only: a fresh access token, forced (Slack's apps.auth.external.get
   * with force_refresh). Slack refreshes a token it knows to be expired,
   * but one Atlassian revoked or expired early is only found by a 401: then
   * the call is made once more with a forced refresh, and only once.
   */
  refreshAccessToken?: () => Promise<string>;
}

/** What one operation's attempts share: the deadline and the transport. */
export interface JsmSession {
  /** A call to the API base (the site, or the gateway with the cloud id). */
  send<T>(call: Omit<JsmCall, "base">): Promise<T>;
  sendTo<T>(call: JsmCall): Promise<T>;
}

export class JsmClient {
  readonly #config: JsmConfig;
  readonly #fetch: typeof fetch;
  readonly #deadlineMs: number;
  readonly #deadlineAt?: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #perAttemptTimeoutMs: number;
  readonly #refreshAccessToken?: () => Promise<string>;
  #auth: JsmAuth;
  #refreshed = false;
  #cloudId?: string;

  constructor(config: JsmConfig, options: JsmClientOptions = {}) {
    this.#config = config;
    this.#fetch = options.fetch ?? fetch;
    this.#deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.#deadlineAt = options.deadlineAt;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ??
      ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;
    this.#perAttemptTimeoutMs = options.perAttemptTimeoutMs ?? 4_000;
    this.#refreshAccessToken = options.refreshAccessToken;
    this.#auth = config.auth;
    if (config.auth.kind !== "api_token") this.#cloudId = config.auth.cloudId;
  }

  /** The service desk requests are filed in, e.g. "1". */
  get serviceDeskId(): string {
    return this.#config.serviceDeskId;
  }

  /** The request type new requests get, e.g. "10". */
  get requestTypeId(): string {
    return this.#config.requestTypeId;
  }

  /**
   * The gateway's cloud id: configured, or found through accessible-resources
   * (OAuth) or the site's tenant_info (scoped tokens).
   */
  resolveCloudId(): Promise<string> {
    return this.operation((session) => this.#cloudIdFor(session));
  }

  /**
   * One operation: its attempts under one deadline, resent while
   * `retryable` says so (by default after a network failure, a timeout, a
   * 429 or a gateway's 5xx: fine for reads; a write that may have been made
   * passes isRateLimited), and made once more with a fresh OAuth token
   * after a 401.
   */
  async operation<T>(
    fn: (session: JsmSession) => Promise<T>,
    retryable: (error: unknown) => boolean = isRetryable,
  ): Promise<T> {
    try {
      return await this.#attempts(fn, retryable);
    } catch (error) {
      if (!this.#mayRefresh(error)) throw error;
      this.#refreshed = true;
      const accessToken = await this.#refreshAccessToken!();
      this.#auth = { ...this.#auth, accessToken } as JsmAuth;
      return await this.#attempts(fn, retryable);
    }
  }

  #mayRefresh(error: unknown): boolean {
    return this.#auth.kind === "oauth" && !!this.#refreshAccessToken &&
      !this.#refreshed && error instanceof JsmError &&
      (error.code === "unauthorized" ||
        (error.code === "gave_up" && error.lastCode === "unauthorized"));
  }

  #attempts<T>(
    fn: (session: JsmSession) => Promise<T>,
    retryable: (error: unknown) => boolean,
  ): Promise<T> {
    const deadline = Math.min(
      this.#now() + this.#deadlineMs,
      this.#deadlineAt ?? Infinity,
    );
    const sendTo = <R>(call: JsmCall) =>
      sendJsm<R>(this.#auth, call, {
        fetch: this.#fetch,
        now: this.#now,
        timeoutMs: Math.min(this.#perAttemptTimeoutMs, deadline - this.#now()),
      });
    const session: JsmSession = {
      sendTo,
      send: async <R>(call: Omit<JsmCall, "base">) =>
        sendTo<R>({ ...call, base: await this.#apiBase(session) }),
    };
    return withRetries(() => fn(session), {
      deadlineMs: deadline - this.#now(),
      now: this.#now,
      sleep: this.#sleep,
      random: this.#random,
      retryable,
    });
  }

  async #apiBase(session: JsmSession): Promise<string> {
    if (this.#auth.kind === "api_token") {
      return jsmApiBase(this.#config);
    }
    return jsmApiBase(this.#config, await this.#cloudIdFor(session));
  }

  async #cloudIdFor(session: JsmSession): Promise<string> {
    const auth = this.#config.auth;
    if (auth.kind === "api_token") {
      throw new Error("classic API tokens call the site; it needs no cloud id");
    }
    if (this.#cloudId) return this.#cloudId;
    if (auth.kind === "scoped_token") {
      const info = await session.sendTo<{ cloudId?: unknown }>({
        method: "GET",
        base: jsmSiteBase(this.#config),
        path: "/_edge/tenant_info",
      });
      if (typeof info?.cloudId !== "string" || !info.cloudId) {
        throw new JsmError(
          "not_found",
          `${auth.site} did not say its cloud id (/_edge/tenant_info); set JSM_CLOUD_ID to the id shown at admin.atlassian.com after /s/`,
          { path: "/_edge/tenant_info" },
        );
      }
      this.#cloudId = info.cloudId;
      return this.#cloudId;
    }
    const resources = await session.sendTo<unknown[]>({
      method: "GET",
      base: this.#config.baseUrl ?? ATLASSIAN_GATEWAY,
      path: "/oauth/token/accessible-resources",
    });
    this.#cloudId = pickServiceDeskSite(resources, auth.site);
    return this.#cloudId;
  }
}
