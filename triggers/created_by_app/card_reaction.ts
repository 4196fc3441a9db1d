// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import {
  TriggerContextData,
  TriggerEventTypes,
  TriggerTypes,
} from "deno-slack-api/mod.ts";
import type CardReactionWorkflow from "../../workflows/card_reaction.ts";
import { CARD_REACTION_WORKFLOW } from "../../workflows/created_by_app_ids.ts";
import { notFrom } from "./own_events.ts";

export { CARD_REACTION_WORKFLOW };

/**
 * :eyes: claims and :white_check_mark: resolves a ticket when an agent puts
 * it on the card, Slack's own triage convention (CARD_REACTIONS in
 * functions/card_reaction/definition.ts; a test keeps the two in step). The
 * trigger watches triage channels, at most 20 (Slack's limit): "Configure
 * Helpdesk" and "Configure a queue" keep one such trigger per 20 triage
 * channels (use_cases/settings/reaction_triggers.ts).
 */
export function cardReactionTrigger(
  triageChannels: [string, ...string[]],
  ownUserId?: string,
): Trigger<typeof CardReactionWorkflow.definition> {
  const data = TriggerContextData.Event.ReactionAdded;
  return {
    type: TriggerTypes.Event,
    name: "Helpdesk card reactions",
    description: "Claim or resolve a ticket by reacting on its card",
    workflow: `#/workflows/${CARD_REACTION_WORKFLOW}`,
    event: {
      event_type: TriggerEventTypes.ReactionAdded,
      channel_ids: triageChannels,
      filter: {
        version: 1,
        root: notFrom(ownUserId, {
          operator: "OR",
          inputs: [
            { statement: `{{data.reaction}} == eyes` },
            { statement: `{{data.reaction}} == white_check_mark` },
          ],
        }),
      },
    },
    inputs: {
      channel: { value: data.channel_id },
      message_ts: { value: data.message_ts },
      reaction: { value: data.reaction },
      user: { value: data.user_id },
    },
  };
}
