// A trigger Helpdesk creates and updates itself through the API; never
// give it to `slack trigger create` (triggers/ holds those).
import type { Trigger } from "deno-slack-api/types.ts";
import {
  TriggerContextData,
  TriggerEventTypes,
  TriggerTypes,
} from "deno-slack-api/mod.ts";
import type RequesterMessageWorkflow from "../../workflows/requester_message.ts";
import { REQUESTER_MESSAGE_WORKFLOW } from "../../workflows/created_by_app_ids.ts";
import { notFrom } from "./own_events.ts";

export { REQUESTER_MESSAGE_WORKFLOW };

/**
 * Replies in threads of the queues' intake channels: the requester's side of
 * a ticket made with :ticket:. message_posted needs a filter and listens to
 * named channels only (no all_resources), at most 20 a trigger, so
 * Configure a queue keeps one per 20 intake channels, beside the :ticket:
 * triggers. Top-level messages, messages with no user and Helpdesk's own
 * (its bot user, `ownUserId`: the ticket's key, agents' replies) are left
 * out here. Other apps' messages carry their bot user's id like anyone's
 * (message_posted's data names no bot or app id to filter on), so the
 * function ignores them, as it ignores threads that are no ticket's. Which
 * of message_ts and thread_ts is the reply is not settled between Slack's
 * sources (see ThreadMessage in use_cases/conversation/thread_relay.ts), so
 * the function takes the earlier as the parent; `thread_ts` is set for a
 * reply in either reading.
 */
export function requesterMessageTrigger(
  channels: [string, ...string[]],
  ownUserId?: string,
): Trigger<typeof RequesterMessageWorkflow.definition> {
  const data = TriggerContextData.Event.MessagePosted;
  return {
    type: TriggerTypes.Event,
    name: "Helpdesk requesters' replies",
    description: "Pass replies in a ticket's thread to its agents",
    workflow: `#/workflows/${REQUESTER_MESSAGE_WORKFLOW}`,
    event: {
      event_type: TriggerEventTypes.MessagePosted,
      channel_ids: channels,
      filter: {
        version: 1,
        root: notFrom(ownUserId, {
          operator: "AND",
          inputs: [
            { statement: "{{data.thread_ts}} != null" },
            {
              operator: "NOT",
              inputs: [{ statement: "{{data.user_id}} == null" }],
            },
          ],
        }),
      },
    },
    inputs: {
      channel: { value: data.channel_id },
      message_ts: { value: data.message_ts },
      thread_ts: { value: data.thread_ts },
    },
  };
}
