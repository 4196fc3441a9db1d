// Every failure talking to Jira Service Management becomes one JsmError, so
// callers branch on `code` and show people `explainJsmError`, never a raw
// status. Shapes of Atlassian's error bodies, as seen in public clients:
// - /rest/servicedeskapi: {errorMessage, i18nErrorMessage: {i18nKey,
//   parameters}} (jira.js ErrorResponse model); a create with a bad field says
//   "... Please provide a valid value for field 'Summary'".
// - /rest/api (Jira platform): {errorMessages: [], errors: {field: message}}.
// - the api.atlassian.com gateway: {code: 401, message: "Unauthorized; scope
//   does not match"} when the OAuth grant lacks a scope (Atlassian community).
import type { JsmAuth, JsmConfig } from "./jsm_config.ts";
import { ATLASSIAN_API_SCOPES } from "./atlassian_scopes.ts";

const SCOPES = ATLASSIAN_API_SCOPES.join(", ");

export type JsmErrorCode =
  | "unauthorized"
  | "forbidden"
  | "bad_request"
  | "not_found"
  | "rate_limited"
  | "unavailable"
  | "gave_up"
  | "network"
  | "timeout";

export interface JsmErrorDetails {
  status?: number;
  /** The request field JSM rejected, e.g. "summary". */
  field?: string;
  retryAfterSeconds?: number;
  /** What JSM said, for logs and explanations. */
  serverMessage?: string;
  /** The API path called, e.g. "/rest/servicedeskapi/request/IT-1". */
  path?: string;
  /** For gave_up: the code of the last failure. */
  lastCode?: JsmErrorCode;
  attempts?: number;
}

export class JsmError extends Error {
  readonly status?: number;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly serverMessage?: string;
  readonly path?: string;
  readonly lastCode?: JsmErrorCode;
  readonly attempts?: number;

  constructor(
    readonly code: JsmErrorCode,
    message: string,
    details: JsmErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "JsmError";
    Object.assign(this, details);
  }
}

/**
 * Whether a write that failed this way may still have been carried out:
 * no answer came (a timeout, a dropped connection) or JSM failed after
 * acting (a 5xx). A 4xx, and a 429 given up on, changed nothing.
 */
export function mayHaveLanded(error: unknown): boolean {
  if (!(error instanceof JsmError)) return true;
  const code = error.code === "gave_up" ? error.lastCode : error.code;
  return code === "timeout" || code === "network" || code === "unavailable";
}

export function codeForStatus(status: number): JsmErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  return "bad_request";
}

/** Builds the JsmError for a non-2xx answer from whatever body came back. */
export function jsmErrorFromResponse(
  status: number,
  bodyText: string,
  /** Retry-After already turned into seconds (it may be an HTTP date). */
  retryAfterSeconds: number | undefined,
  path: string,
): JsmError {
  const body = parseJsonObject(bodyText);
  const serverMessage = messageOf(body) ?? (bodyText.trim().slice(0, 300) ||
    undefined);
  return new JsmError(
    codeForStatus(status),
    `JSM answered HTTP ${status} to ${path}${
      serverMessage ? `: ${serverMessage}` : ""
    }`,
    {
      status,
      path,
      serverMessage,
      field: status === 400 || status === 422 ? fieldOf(body) : undefined,
      retryAfterSeconds,
    },
  );
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

function messageOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.errorMessage === "string") return body.errorMessage;
  if (typeof body.message === "string") return body.message;
  const list = body.errorMessages;
  if (Array.isArray(list) && list.length > 0) return list.join(" ");
  const errors = body.errors;
  if (errors && typeof errors === "object" && !Array.isArray(errors)) {
    const first = Object.values(errors)[0];
    if (typeof first === "string") return first;
  }
  return undefined;
}

function fieldOf(body: Record<string, unknown>): string | undefined {
  const errors = body.errors;
  if (errors && typeof errors === "object" && !Array.isArray(errors)) {
    const first = Object.keys(errors)[0];
    if (first) return first;
  }
  const message = typeof body.errorMessage === "string"
    ? body.errorMessage
    : "";
  // servicedeskapi names the field by its label inside the sentence.
  const named = message.match(/field '([^']+)'/i)?.[1];
  return named?.toLowerCase();
}

/**
 * One sentence or two for an admin: what went wrong and what to do about it,
 * for the auth mode in use. `context` is the config (for the ids and email
 * to name) or just the mode.
 */
export function explainJsmError(
  error: unknown,
  context: JsmConfig | JsmAuth["kind"],
): string {
  const config = typeof context === "string" ? undefined : context;
  const mode = typeof context === "string" ? context : context.auth.kind;
  if (!(error instanceof JsmError)) {
    return `Talking to Jira Service Management failed unexpectedly: ${
      error instanceof Error ? error.message : String(error)
    }`;
  }
  const desk = config?.serviceDeskId ?? "(JSM_SERVICE_DESK_ID)";
  const type = config?.requestTypeId ?? "(JSM_REQUEST_TYPE_ID)";
  const said = error.serverMessage
    ? ` JSM said: "${error.serverMessage}".`
    : "";
  switch (error.code) {
    case "unauthorized":
      return explainUnauthorized(error, mode, config);
    case "forbidden":
      return (mode === "oauth"
        ? `The Atlassian authorization may not do this (HTTP 403): it needs the OAuth scopes ${SCOPES}, and the person who authorized must be an agent on service desk ${desk}. Add the scopes to the provider, then re-authorize with \`slack external-auth add\`.`
        : `The account ${
          accountOf(config)
        } may not do this (HTTP 403): the account must be an agent on service desk ${desk} (Project settings → People in Jira Service Management).`) +
        (/\/transitions$/.test(error.path ?? "")
          ? " Moving a request also needs Jira's Transition issues permission in that project."
          : "") +
        said;
    case "bad_request":
      return error.field
        ? `JSM rejected the field "${error.field}": ${
          error.serverMessage ?? "invalid value"
        }. Check that request type ${type} accepts a plain summary and description and has no other required fields.`
        : `JSM rejected the request (HTTP ${error.status}).${said}`;
    case "not_found":
      return /\/request\/[^/]+/.test(error.path ?? "")
        ? `JSM has no request at ${error.path}, or the account cannot see it (HTTP 404).${said}`
        : `JSM found no service desk ${desk} with request type ${type} (HTTP 404). Check JSM_SERVICE_DESK_ID and JSM_REQUEST_TYPE_ID; the account must also be able to see that service desk.${said}`;
    case "rate_limited":
      return `JSM is rate limiting Helpdesk (HTTP 429)${
        error.retryAfterSeconds !== undefined
          ? `; it asked to wait ${error.retryAfterSeconds} s`
          : ""
      }.`;
    case "unavailable":
      return `JSM is unavailable right now (HTTP ${error.status}).${said}`;
    case "gave_up":
      return `JSM kept failing (last: ${
        error.status ? `HTTP ${error.status}` : error.lastCode
      }${
        error.retryAfterSeconds !== undefined
          ? `, asked to wait ${error.retryAfterSeconds} s`
          : ""
      }), so Helpdesk stopped trying for now rather than run past its time limit.`;
    case "network":
      return `Helpdesk could not reach JSM: ${error.message}. Check the site name, and that the app manifest's outgoingDomains lists the host it calls.`;
    case "timeout":
      return `JSM did not answer in time (${error.message}).`;
  }
}

function explainUnauthorized(
  error: JsmError,
  mode: JsmAuth["kind"],
  config: JsmConfig | undefined,
): string {
  if (mode === "oauth") {
    // The gateway answers 401, not 403, when a scope is missing.
    // Atlassian's gateway says "Unauthorized; scope does not match" (as
    // reported publicly, not documented): any 401 that speaks of a scope.
    if (/\bscope/i.test(error.serverMessage ?? "")) {
      return `The Atlassian authorization lacks a scope this call needs (HTTP 401, "scope does not match"): the provider must ask for ${SCOPES}; then re-authorize with \`slack external-auth add\`.`;
    }
    return "The Atlassian authorization is invalid or has expired (HTTP 401). Re-authorize with `slack external-auth add` and pick the Atlassian provider.";
  }
  if (mode === "scoped_token") {
    return `JSM rejected the scoped API token of ${
      accountOf(config)
    } (HTTP 401): the token is wrong, expired or revoked, belongs to another account than JSM_EMAIL, or lacks the scopes ${SCOPES}. Create a scoped token for Jira with those scopes (for a service account: admin.atlassian.com → Directory → Service accounts), then run \`slack env add JSM_API_TOKEN <token>\`. A classic token needs JSM_AUTH=api_token instead.`;
  }
  return `JSM rejected the credentials of ${
    accountOf(config)
  } (HTTP 401): the API token is wrong, expired or revoked, or belongs to another account than JSM_EMAIL. Create a token at https://id.atlassian.com/manage-profile/security/api-tokens, then run \`slack env add JSM_API_TOKEN <token>\`, or put it in .env for \`slack run\`. A scoped token (every service account's) only works through api.atlassian.com: set JSM_AUTH=scoped_token for it.`;
}

function accountOf(config: JsmConfig | undefined): string {
  return config && config.auth.kind !== "oauth"
    ? config.auth.email
    : "in JSM_EMAIL";
}
