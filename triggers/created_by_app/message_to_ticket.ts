// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import {
  TriggerContextData,
  TriggerEventTypes,
  TriggerTypes,
} from "deno-slack-api/mod.ts";
import type MessageToTicketWorkflow from "../../workflows/message_to_ticket.ts";
import { MESSAGE_TO_TICKET_WORKFLOW } from "../../workflows/created_by_app_ids.ts";
import { notFrom } from "./own_events.ts";

export { MESSAGE_TO_TICKET_WORKFLOW };

/**
 * The intake emoji (":ticket:" unless configured otherwise) on a message in
 * some of the queues' intake channels: at most 20, Slack's limit, so there
 * is one such trigger per 20 channels. The channels live in the queues, so
 * "Configure a queue" and "Configure Helpdesk" create, update and delete
 * these triggers (use_cases/settings/reaction_triggers.ts); nobody creates
 * them by hand. Helpdesk's own reactions (its bot user, `ownUserId`) never
 * start a run: the filter leaves them out, besides the intake emoji never
 * being one of Helpdesk's marks (helpdesk/helpdesk_form.ts).
 */
export function messageToTicketTrigger(
  channels: [string, ...string[]],
  emoji: string,
  ownUserId?: string,
): Trigger<typeof MessageToTicketWorkflow.definition> {
  const data = TriggerContextData.Event.ReactionAdded;
  return {
    type: TriggerTypes.Event,
    name: "Helpdesk tickets by reaction",
    description: `React with :${emoji}: to turn a message into a ticket`,
    workflow: `#/workflows/${MESSAGE_TO_TICKET_WORKFLOW}`,
    event: {
      event_type: TriggerEventTypes.ReactionAdded,
      channel_ids: channels,
      filter: {
        version: 1,
        root: notFrom(ownUserId, {
          statement: `{{data.reaction}} == ${emoji}`,
        }),
      },
    },
    inputs: {
      channel: { value: data.channel_id },
      message_ts: { value: data.message_ts },
      // Newer deno-slack-api releases name these two in
      // TriggerContextData.Event.ReactionAdded; the pinned one does not yet.
      // The message's author is read from Slack by the function itself.
      message_link: { value: "{{data.message_link}}" },
      parent_message_link: { value: "{{data.parent_message_link}}" },
      reaction: { value: data.reaction },
      user: { value: data.user_id },
    },
  };
}
