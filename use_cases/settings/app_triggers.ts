// Triggers Helpdesk manages itself at run time (needs triggers:write): the
// link triggers behind the card and rating buttons and the scheduled ones.
// Each is updated in place when it exists, so the card buttons already
// posted keep their URL; created when it doesn't. The event triggers that
// name channels are in channel_triggers.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  isMissingTrigger,
  logUnexpectedTriggerError,
} from "../../slack/api/trigger_errors.ts";

export interface ManagedTrigger {
  id: string;
  shortcut_url?: string;
}

export async function upsertTrigger(
  client: SlackAPIClient,
  existingId: string | undefined,
  definition: object,
): Promise<ManagedTrigger> {
  if (existingId) {
    try {
      const { trigger } = await slackCall(client, "workflows.triggers.update", {
        trigger_id: existingId,
        ...definition,
      });
      return trigger;
    } catch (error) {
      // Someone deleted it (slack trigger delete): make a new one.
      if (!isMissingTrigger(error)) {
        logUnexpectedTriggerError(error, existingId);
        throw error;
      }
    }
  }
  const { trigger } = await slackCall(client, "workflows.triggers.create", {
    ...definition,
  });
  return trigger;
}

/** Deletes a trigger; one that is already gone counts as deleted. */
export async function deleteTrigger(
  client: SlackAPIClient,
  triggerId: string,
): Promise<void> {
  try {
    await slackCall(client, "workflows.triggers.delete", {
      trigger_id: triggerId,
    });
  } catch (error) {
    if (isMissingTrigger(error)) return;
    logUnexpectedTriggerError(error, triggerId);
    throw error;
  }
}
