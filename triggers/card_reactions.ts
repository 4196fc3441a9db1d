import type { Trigger } from "deno-slack-api/types.ts";
import {
  TriggerContextData,
  TriggerEventTypes,
  TriggerTypes,
} from "deno-slack-api/mod.ts";
import CardReactionWorkflow from "../workflows/card_reaction.ts";

/**
 * :eyes: claims and :white_check_mark: resolves a ticket when an agent puts
 * it on the card, Slack's own triage convention (CARD_REACTIONS in
 * functions/react_to_card/definition.ts; a test keeps the two in step). The trigger watches only
 * the triage channel, which is known at configuration time, so "Configure
 * Helpdesk" creates it with this definition and moves it when the channel
 * changes.
 */
export function cardReactionsTrigger(
  triageChannel: string,
): Trigger<typeof CardReactionWorkflow.definition> {
  const data = TriggerContextData.Event.ReactionAdded;
  return {
    type: TriggerTypes.Event,
    name: "Helpdesk card reactions",
    description: "Claim or resolve a ticket by reacting on its card",
    workflow: `#/workflows/${CardReactionWorkflow.definition.callback_id}`,
    event: {
      event_type: TriggerEventTypes.ReactionAdded,
      channel_ids: [triageChannel],
      filter: {
        version: 1,
        root: {
          operator: "OR",
          inputs: [
            { statement: `{{data.reaction}} == eyes` },
            { statement: `{{data.reaction}} == white_check_mark` },
          ],
        },
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
