// A function that returned `completed: false` to keep a modal open must be
// finished from the modal's handlers: Slack keeps its run "in progress"
// until functions.completeSuccess says it is done.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../api/slack_call.ts";

interface ViewEventBody {
  function_data: { execution_id: string };
}

export async function finishRun(
  client: SlackAPIClient,
  body: ViewEventBody,
  outputs: Record<string, unknown> = {},
) {
  await slackCall(client, "functions.completeSuccess", {
    function_execution_id: body.function_data.execution_id,
    outputs,
  });
}

/** The view_closed handler of every such modal: closing it ends the run. */
export async function finishRunOnClose(
  { body, client }: { body: ViewEventBody; client: SlackAPIClient },
) {
  await finishRun(client, body);
}

/**
 * A view_closed handler that ends the run in error, for a modal whose
 * workflow must not go on without it (the request form: no ticket, so no
 * JSM sync or ticket log row).
 */
export function failRunOnClose(error: string) {
  return async (
    { body, client }: { body: ViewEventBody; client: SlackAPIClient },
  ) => {
    await slackCall(client, "functions.completeError", {
      function_execution_id: body.function_data.execution_id,
      error,
    });
  };
}
