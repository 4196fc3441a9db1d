// The one event trigger for the intake emoji, kept in step with the queues'
// intake channels and the configured emoji: updated in place, created when
// the first intake channel appears, deleted when the last one goes.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { messageIntakeTrigger } from "../../triggers/message_intake.ts";
import { upsertTrigger } from "./app_triggers.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { DEFAULT_INTAKE_EMOJI } from "../../helpdesk/tickets/message_ticket.ts";

/** Returns the trigger's id, or undefined when no queue takes reactions. */
export async function syncIntakeTrigger(
  client: SlackAPIClient,
  queues: readonly Queue[],
  existingId: string | undefined,
  emoji = DEFAULT_INTAKE_EMOJI,
): Promise<string | undefined> {
  const channels = [...new Set(queues.flatMap((q) => q.intake_channels))];
  if (channels.length === 0) {
    if (existingId) {
      await slackCall(client, "workflows.triggers.delete", {
        trigger_id: existingId,
      }).catch((error) => {
        if (
          !(error instanceof SlackCallError) ||
          error.code !== "trigger_not_found"
        ) throw error;
      });
    }
    return undefined;
  }
  const trigger = await upsertTrigger(
    client,
    existingId,
    messageIntakeTrigger(channels as [string, ...string[]], emoji),
  );
  return trigger.id;
}
