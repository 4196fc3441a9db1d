// Every Web API call goes through slackCall, so that a failure, whichever way
// it arrives, becomes one SlackCallError: the SDK's client returns
// {ok:false,error} for Slack errors but throws for HTTP errors, 429
// ratelimited included, with the Retry-After header on the thrown error.
import type { SlackAPIClient } from "deno-slack-api/types.ts";

export type SlackArgs = Record<string, unknown>;
// deno-lint-ignore no-explicit-any
export type SlackResponse = { ok: boolean; error?: string; [k: string]: any };

export class SlackCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly details: {
      /** The scope Slack said is missing (missing_scope). */
      needed?: string;
      retryAfterSeconds?: number;
      /** The args' channel, so messages can name it. */
      channel?: string;
      messages?: string[];
      /** The entries a bulk datastore call did not carry out. */
      failedItems?: unknown[];
      /** What a partly failed bulkGet did read. */
      items?: unknown[];
    } = {},
  ) {
    super(
      `${method} failed: ${code}${
        details.needed ? ` (needs ${details.needed})` : ""
      }`,
    );
    this.name = "SlackCallError";
  }
}

/**
 * Slack asking to slow down: a method's 429 (`ratelimited`), or the
 * datastore's `team_quota_exceeded` ("Total number of requests exceeded team
 * quota", the datastore methods' errors at docs.slack.dev/reference/methods),
 * which refuses the call the same way.
 */
export function isRateLimit(error: unknown): error is SlackCallError {
  return error instanceof SlackCallError &&
    (error.code === "ratelimited" || error.code === TEAM_QUOTA_EXCEEDED);
}

export const TEAM_QUOTA_EXCEEDED = "team_quota_exceeded";

/** How long a datastore call refused for the team's quota waits to retry. */
export const QUOTA_BACKOFF_MS = { min: 250, max: 750 };

export async function slackCall(
  client: SlackAPIClient,
  method: string,
  args: SlackArgs,
): Promise<SlackResponse> {
  try {
    return await callOnce(client, method, args);
  } catch (error) {
    // The datastore refused the call for the workspace's quota, so nothing
    // was done: tried once more after a jittered pause, then reported like
    // any rate limit (the person is told to try again).
    if (
      !(error instanceof SlackCallError) ||
      error.code !== TEAM_QUOTA_EXCEEDED
    ) {
      throw error;
    }
    const { min, max } = QUOTA_BACKOFF_MS;
    await new Promise((r) =>
      setTimeout(r, min + Math.floor(Math.random() * (max - min)))
    );
    return await callOnce(client, method, args);
  }
}

async function callOnce(
  client: SlackAPIClient,
  method: string,
  args: SlackArgs,
): Promise<SlackResponse> {
  let response: SlackResponse;
  try {
    response = await client.apiCall(method, args) as SlackResponse;
  } catch (error) {
    // A client that refuses a call itself (a run's call budget) says why.
    if (error instanceof SlackCallError) throw error;
    throw fromThrown(method, args, error);
  }
  if (!response.ok) {
    throw new SlackCallError(method, response.error ?? "unknown_error", {
      needed: response.needed,
      channel: typeof args.channel === "string" ? args.channel : undefined,
      messages: response.response_metadata?.messages ?? response.errors,
      ...(Array.isArray(response.failed_items)
        ? { failedItems: response.failed_items }
        : {}),
      ...(Array.isArray(response.items) ? { items: response.items } : {}),
    });
  }
  return response;
}

function fromThrown(method: string, args: SlackArgs, error: unknown) {
  const status = (error as { status?: number }).status;
  const headers = (error as { headers?: Headers }).headers;
  const channel = typeof args.channel === "string" ? args.channel : undefined;
  if (status === 429) {
    const retryAfter = Number(headers?.get("retry-after") ?? "1");
    return new SlackCallError(method, "ratelimited", {
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : 1,
      channel,
    });
  }
  if (status !== undefined) {
    return new SlackCallError(method, `http_${status}`, { channel });
  }
  return new SlackCallError(method, "request_failed", {
    channel,
    messages: [String((error as Error)?.message ?? error)],
  });
}
