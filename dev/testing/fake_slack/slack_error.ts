// How the fake Slack API's methods refuse a call: Slack's error code, extra
// fields for the body, and the HTTP status (200 for ordinary errors, 429 for
// rate limits, as Slack answers).

export type Args = Record<string, unknown>;

export class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
    readonly status = 200,
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
}

export function requireString(args: Args, name: string): string {
  const value = args[name];
  if (typeof value !== "string" || value === "") {
    throw new SlackError("invalid_arguments", {
      response_metadata: { messages: [`missing required field: ${name}`] },
    });
  }
  return value;
}
