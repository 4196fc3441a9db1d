// The SDK's own types for a function's interactivity handlers, so that a
// function's modal handlers can live in their own file (modals.ts beside
// the handler) without hand-written types for Slack's payloads. mod.ts
// exports SlackFunction but not these types by name: they are read off what
// SlackFunction returns, for any function definition. A handler typed so is
// accepted by every function's addViewSubmissionHandler (deno check).
import type { SlackFunction } from "deno-slack-sdk/mod.ts";

type Registrations = ReturnType<typeof SlackFunction>;

export type ViewSubmissionHandler = Parameters<
  Registrations["addViewSubmissionHandler"]
>[1];
export type ViewClosedHandler = Parameters<
  Registrations["addViewClosedHandler"]
>[1];
export type BlockActionsHandler = Parameters<
  Registrations["addBlockActionsHandler"]
>[1];

/** What a view_submission handler sees: body, view, client, env… */
export type ViewSubmissionContext = Parameters<ViewSubmissionHandler>[0];
