// Helpdesk's few JSM operations, each under one deadline (withRetries) with a
// per-attempt timeout. Shapes, from Atlassian's REST references:
// - POST /rest/servicedeskapi/request {serviceDeskId, requestTypeId,
//   requestFieldValues: {summary, description}} → 201 CustomerRequest, as
//   the agent account (requests are not raised on the requester's behalf:
//   see docs/jsm-and-connectors.md on why there is no customer lookup).
// - GET /rest/servicedeskapi/request/{key}; POST .../comment {body, public}.
// - Transitions through Jira's issue transitions (transitions.ts), search
//   through /rest/api/3/search/jql (request_search.ts).
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
  isRateLimited,
  isRetryable,
  withRetries,
} from "./retry_policy.ts";
import { pickServiceDeskSite } from "./accessible_resources.ts";
import {
  type JsmRequest,
  jsmSummary,
  type NewJsmRequest,
  type RawRequest,
  REQUESTS_PATH as REQUESTS,
  toJsmRequest,
} from "./customer_requests.ts";
import { findByHelpdeskKey } from "./request_search.ts";
import { transitionByName, type TransitionOutcome } from "./transitions.ts";

export type { JsmRequest, NewJsmRequest } from "./customer_requests.ts";
export type { TransitionOutcome } from "./transitions.ts";

/** An attachment as servicedeskapi lists it (AttachmentDTO). */
interface RawAttachment {
  filename?: string;
  size?: number;
  mimeType?: string;
  author?: { displayName?: string };
  _links?: { self?: string; jiraRest?: string; content?: string };
}

export interface JsmAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string;
  author: string;
}

/**
 * The DTO has no id field: the id is the last segment of its Jira link
 * (…/rest/api/2/attachment/10042) or of its content link.
 */
function attachmentIdOf(a: RawAttachment): string | undefined {
  for (const link of [a._links?.jiraRest, a._links?.self, a._links?.content]) {
    const id = link?.match(/\/attachment\/(?:content\/)?(\d+)(?:[?#].*)?$/)
      ?.[1];
    if (id) return id;
  }
  return undefined;
}

type IssueWithLinks = {
  fields?: {
    issuelinks?: {
      id: string;
      type?: { name?: string };
      inwardIssue?: { key?: string };
      outwardIssue?: { key?: string };
    }[];
  };
};

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
interface Session {
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

  /**
   * Creates the request, resending only after a 429 (which JSM did not act
   * on): any other failure may have created it already, so whether to try
   * again is the caller's decision (see findRequestByHelpdeskKey).
   */
  createRequest(input: NewJsmRequest): Promise<JsmRequest> {
    return this.#operation(
      (session) => this.#create(session, input),
      isRateLimited,
    );
  }

  /**
   * The request made for this Helpdesk key, if Jira's search shows it.
   * The search lags a fresh create, so undefined is "not found yet".
   */
  findRequestByHelpdeskKey(
    helpdeskKey: string,
  ): Promise<JsmRequest | undefined> {
    return this.#operation((session) =>
      findByHelpdeskKey(
        (call) => session.send(call),
        this.#config.serviceDeskId,
        helpdeskKey,
      )
    );
  }

  getRequest(issueIdOrKey: string): Promise<JsmRequest> {
    return this.#operation(async (session) =>
      toJsmRequest(
        await session.send<RawRequest>({
          method: "GET",
          path: `${REQUESTS}/${encodeURIComponent(issueIdOrKey)}`,
        }),
      )
    );
  }

  /**
   * Links two issues with a link type by name, e.g. "Duplicate": `outward`
   * duplicates `inward`. Jira answers 201 with no body, and the same for a
   * link that exists already, so resending it is harmless (POST
   * /rest/api/3/issueLink, write:jira-work;
   * developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links).
   */
  linkIssues(
    typeName: string,
    inwardKey: string,
    outwardKey: string,
  ): Promise<void> {
    return this.#operation(async (session) => {
      await session.send<unknown>({
        method: "POST",
        path: "/rest/api/3/issueLink",
        body: {
          type: { name: typeName },
          inwardIssue: { key: inwardKey },
          outwardIssue: { key: outwardKey },
        },
      });
    });
  }

  /**
   * An issue's links of one type, each with the other issue's key (GET
   * /rest/api/3/issue/{key}?fields=issuelinks, read:jira-work; the id is
   * what removes it, as the create's documentation says).
   */
  issueLinks(
    issueIdOrKey: string,
    typeName: string,
  ): Promise<{ id: string; otherKey: string }[]> {
    return this.#operation(async (session) => {
      const issue = await session.send<IssueWithLinks>({
        method: "GET",
        path: `/rest/api/3/issue/${
          encodeURIComponent(issueIdOrKey)
        }?fields=issuelinks`,
      });
      return (issue.fields?.issuelinks ?? [])
        .filter((l) => l.type?.name === typeName)
        .map((l) => ({
          id: String(l.id),
          otherKey: String(l.inwardIssue?.key ?? l.outwardIssue?.key ?? ""),
        }));
    });
  }

  /**
   * DELETE /rest/api/3/issueLink/{id} (204, write:jira-work). A link that
   * is gone already (404) is what was wanted: resending is harmless.
   */
  removeIssueLink(linkId: string): Promise<void> {
    return this.#operation(async (session) => {
      try {
        await session.send<unknown>({
          method: "DELETE",
          path: `/rest/api/3/issueLink/${encodeURIComponent(linkId)}`,
        });
      } catch (error) {
        if (error instanceof JsmError && error.code === "not_found") return;
        throw error;
      }
    });
  }

  /**
   * An internal comment (isPublic false) is seen by agents only. Resent only
   * after a 429, as a comment that timed out may have been posted.
   */
  addComment(
    issueIdOrKey: string,
    body: string,
    isPublic: boolean,
  ): Promise<{ id: string }> {
    return this.#operation(async (session) => {
      const comment = await session.send<{ id: string }>({
        method: "POST",
        path: `${REQUESTS}/${encodeURIComponent(issueIdOrKey)}/comment`,
        body: { body, public: isPublic },
      });
      return { id: String(comment.id) };
    }, isRateLimited);
  }

  /**
   * Attaches files to the request in JSM's two steps: each file becomes a
   * temporary file of the service desk (a multipart POST, safe to resend:
   * an unused temporary file is simply dropped by JSM), then all are
   * attached at once, public or internal. The attach is resent only after
   * a 429, as one that timed out may have been made.
   */
  async attachFiles(
    issueIdOrKey: string,
    files: { name: string; type: string; bytes: Uint8Array }[],
    isPublic: boolean,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const file of files) {
      const temporary = await this.#operation((session) => {
        const form = new FormData();
        form.append(
          "file",
          new Blob([file.bytes.slice()], { type: file.type }),
          file.name,
        );
        return session.send<
          { temporaryAttachments?: { temporaryAttachmentId: string }[] }
        >({
          method: "POST",
          path: `/rest/servicedeskapi/servicedesk/${
            encodeURIComponent(this.#config.serviceDeskId)
          }/attachTemporaryFile`,
          form,
        });
      });
      ids.push(
        ...(temporary?.temporaryAttachments ?? []).map((t) =>
          t.temporaryAttachmentId
        ),
      );
    }
    const added = await this.#operation(
      (session) =>
        session.send<{ attachments?: { values?: RawAttachment[] } }>({
          method: "POST",
          path: `${REQUESTS}/${encodeURIComponent(issueIdOrKey)}/attachment`,
          body: { temporaryAttachmentIds: ids, public: isPublic },
        }),
      isRateLimited,
    );
    // The attachments' ids, so that the webhook never copies them back.
    return (added?.attachments?.values ?? []).flatMap((a) => {
      const id = attachmentIdOf(a);
      return id ? [id] : [];
    });
  }

  /**
   * The request's attachments (servicedeskapi "Get attachments for
   * request"): only ids listed here are read, so a webhook can't name
   * another request's file.
   */
  async requestAttachments(issueIdOrKey: string): Promise<JsmAttachment[]> {
    const page = await this.#operation((session) =>
      session.send<{ values?: RawAttachment[] }>({
        method: "GET",
        path: `${REQUESTS}/${encodeURIComponent(issueIdOrKey)}/attachment`,
        query: { limit: 100 },
      })
    );
    return (page?.values ?? []).flatMap((a) => {
      const id = attachmentIdOf(a);
      return id
        ? [{
          id,
          filename: String(a.filename ?? id),
          size: Number(a.size ?? 0),
          mimeType: String(a.mimeType ?? "application/octet-stream"),
          author: String(a.author?.displayName ?? ""),
        }]
        : [];
    });
  }

  /**
   * An attachment's bytes: Jira's "Get attachment content" on the site
   * itself with redirect=false. Without it Jira answers 303 to
   * api.media.atlassian.com, a host the manifest would have to name (and
   * a redirect would carry the credentials elsewhere).
   */
  attachmentContent(id: string): Promise<Uint8Array> {
    return this.#operation((session) =>
      session.send<Uint8Array>({
        method: "GET",
        path: `/rest/api/3/attachment/content/${encodeURIComponent(id)}`,
        query: { redirect: "false" },
        binary: true,
      })
    );
  }

  /**
   * Moves the request to the status named `targetStatus` with an agent's
   * transition; see transitions.ts for `alsoTransitionNames`.
   */
  transitionTo(
    issueIdOrKey: string,
    targetStatus: string,
    alsoTransitionNames: string[] = [],
  ): Promise<TransitionOutcome> {
    return this.#operation((session) =>
      transitionByName(
        (call) => session.send(call),
        issueIdOrKey,
        targetStatus,
        alsoTransitionNames,
      )
    );
  }

  /**
   * The gateway's cloud id: configured, or found through accessible-resources
   * (OAuth) or the site's tenant_info (scoped tokens).
   */
  resolveCloudId(): Promise<string> {
    return this.#operation((session) => this.#cloudIdFor(session));
  }

  /**
   * One read that proves JSM answers and the credentials work: the service
   * desk Helpdesk files requests in (GET /rest/servicedeskapi/servicedesk/
   * {id}). For the check-up.
   */
  async checkAccess(): Promise<{ serviceDesk: string }> {
    const desk = await this.#operation((session) =>
      session.send<{ projectName?: string; projectKey?: string }>({
        method: "GET",
        path: `/rest/servicedeskapi/servicedesk/${
          encodeURIComponent(this.#config.serviceDeskId)
        }`,
      })
    );
    return {
      serviceDesk: desk?.projectName ?? desk?.projectKey ??
        this.#config.serviceDeskId,
    };
  }

  async #operation<T>(
    fn: (session: Session) => Promise<T>,
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
    fn: (session: Session) => Promise<T>,
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
    const session: Session = {
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

  async #apiBase(session: Session): Promise<string> {
    if (this.#auth.kind === "api_token") {
      return jsmApiBase(this.#config);
    }
    return jsmApiBase(this.#config, await this.#cloudIdFor(session));
  }

  async #cloudIdFor(session: Session): Promise<string> {
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

  async #create(session: Session, input: NewJsmRequest): Promise<JsmRequest> {
    const summary = jsmSummary(input.helpdeskKey, input.summary);
    const created = await session.send<RawRequest>({
      method: "POST",
      path: REQUESTS,
      body: {
        serviceDeskId: this.#config.serviceDeskId,
        requestTypeId: this.#config.requestTypeId,
        requestFieldValues: { summary, description: input.description },
      },
    });
    const request = toJsmRequest(created);
    return { ...request, summary: request.summary || summary };
  }
}
