// One HTTP exchange with JSM over plain fetch (no SDK: the function bundle
// stays small). It adds auth, bounds the attempt with AbortSignal.timeout,
// and turns every failure into a JsmError; retrying is withRetries' job.
import type { JsmAuth } from "./jsm_config.ts";
import { JsmError, jsmErrorFromResponse } from "./jsm_errors.ts";
import { parseRetryAfterMs } from "./retry_policy.ts";

export interface JsmCall {
  method: "GET" | "POST" | "DELETE";
  /** Where `path` starts, e.g. https://acme.atlassian.net. */
  base: string;
  /** e.g. /rest/servicedeskapi/request. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * A multipart body instead (attachTemporaryFile). Jira blocks multipart
   * posts without X-Atlassian-Token: no-check (its XSRF check), so it is
   * sent with one.
   */
  form?: FormData;
  /** The answer is a file's bytes (attachment content), not JSON. */
  binary?: boolean;
}

export interface JsmHttp {
  fetch: typeof fetch;
  now: () => number;
  /** This attempt's timeout: the smaller of the per-attempt cap and the time left. */
  timeoutMs: number;
}

export function authorizationHeader(auth: JsmAuth): string {
  if (auth.kind === "oauth") return `Bearer ${auth.accessToken}`;
  // Classic and scoped API tokens alike: Basic with the account's email.
  // btoa only takes Latin-1; encode as UTF-8 first so any token survives.
  const bytes = new TextEncoder().encode(`${auth.email}:${auth.token}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export async function sendJsm<T>(
  auth: JsmAuth,
  call: JsmCall,
  http: JsmHttp,
): Promise<T> {
  const url = new URL(call.base + call.path);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    authorization: authorizationHeader(auth),
    accept: "application/json",
  };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  if (call.form) headers["x-atlassian-token"] = "no-check";
  const timeoutMs = Math.max(1, Math.floor(http.timeoutMs));
  let response: Response;
  let text = "";
  let bytes: Uint8Array | undefined;
  try {
    response = await http.fetch(url, {
      method: call.method,
      headers,
      body: call.form ??
        (call.body === undefined ? undefined : JSON.stringify(call.body)),
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect would resend the credentials elsewhere; JSM never needs one.
      redirect: "manual",
    });
    // The body is read under the same signal: a stalled body is a timeout too.
    if (call.binary && response.ok) {
      bytes = new Uint8Array(await response.arrayBuffer());
    } else text = await response.text();
  } catch (error) {
    throw failureToAnswer(error, call, url, timeoutMs);
  }
  if (bytes) return bytes as T;
  if (response.ok) {
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const retryAfterMs = parseRetryAfterMs(
    response.headers.get("retry-after"),
    http.now(),
  );
  throw jsmErrorFromResponse(
    response.status,
    text,
    retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
    call.path,
  );
}

function failureToAnswer(
  error: unknown,
  call: JsmCall,
  url: URL,
  timeoutMs: number,
): JsmError {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new JsmError(
      "timeout",
      `${call.method} ${call.path} got no answer within ${timeoutMs} ms`,
      { path: call.path },
      { cause: error },
    );
  }
  return new JsmError(
    "network",
    `${call.method} ${url.host}${call.path} failed: ${
      (error as Error)?.message ?? error
    }`,
    { path: call.path },
    { cause: error },
  );
}
