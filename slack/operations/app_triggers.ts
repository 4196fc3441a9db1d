// Triggers Helpdesk manages itself at run time (needs triggers:write): the
// link trigger behind the card buttons and the reaction trigger on the
// triage channel. Each is updated in place when it exists, so the card
// buttons already posted keep their URL; created when it doesn't.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";

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
      if (
        !(error instanceof SlackCallError) || error.code !== "trigger_not_found"
      ) {
        throw error;
      }
    }
  }
  const { trigger } = await slackCall(client, "workflows.triggers.create", {
    ...definition,
  });
  return trigger;
}
