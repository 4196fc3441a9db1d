// Slack's events as the local runtime delivers them to event triggers: what a
// reaction_added event carries, the events Helpdesk's own replies in threads
// and own reactions cause (Slack delivers the app's own acts like anyone's),
// and which of the app's event triggers an event fires: those of its type,
// on its channel (or on all), whose filter passes. Kept apart from
// LocalRuntime (local_runtime.ts), which starts the runs these pick.
import type {
  FakeSlack,
  RecordedCall,
} from "../../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../testing/fake_slack/workspace.ts";
import { type FilterNode, matchesFilter } from "./trigger_filter.ts";

export const REACTION_ADDED = "slack#/events/reaction_added";
export const MESSAGE_POSTED = "slack#/events/message_posted";

export interface SlackEvent {
  type: string;
  channel: string;
  data: Record<string, unknown>;
}

/** Helpdesk's own reply in a thread, or its own reaction, as an event. */
export function ownEventsOf(call: RecordedCall): SlackEvent[] {
  if (!call.response.ok) return [];
  const events: SlackEvent[] = [];
  const args = call.args as Record<string, string | undefined>;
  if (call.method === "reactions.add" && args.channel && args.timestamp) {
    events.push({
      type: REACTION_ADDED,
      channel: args.channel,
      data: {
        channel_id: args.channel,
        message_ts: args.timestamp,
        reaction: args.name,
        user_id: BOT_USER_ID,
      },
    });
  }
  const posted = call.response as { channel?: string; ts?: string };
  if (
    call.method === "chat.postMessage" && args.thread_ts && posted.channel
  ) {
    events.push({
      type: MESSAGE_POSTED,
      channel: posted.channel,
      data: {
        channel_id: posted.channel,
        user_id: BOT_USER_ID,
        text: args.text,
        message_ts: posted.ts,
        thread_ts: args.thread_ts,
      },
    });
  }
  return events;
}

/** What reaction_added carries for `user`'s reaction on a message. */
export function reactionAddedData(
  slack: FakeSlack,
  channel: string,
  ts: string,
  reaction: string,
  user: string,
): Record<string, unknown> {
  const message = slack.workspace.findMessage(channel, ts)!;
  return {
    channel_id: channel,
    message_ts: ts,
    reaction,
    user_id: user,
    item_user: message.user,
    message_link: slack.workspace.permalink(
      channel,
      ts,
      message.thread_ts,
    ),
    ...(message.thread_ts && message.thread_ts !== ts
      ? {
        parent_message_link: slack.workspace.permalink(
          channel,
          message.thread_ts,
        ),
      }
      : {}),
  };
}

/** The app's event triggers that `event` fires, in the order created. */
export function triggersFiredBy(slack: FakeSlack, event: SlackEvent) {
  return [...slack.triggers.values()]
    .filter((t) => {
      const watched = t.event as {
        event_type?: string;
        channel_ids?: string[];
        all_resources?: boolean;
        filter?: { root: FilterNode };
      } | undefined;
      return watched?.event_type === event.type &&
        (watched.all_resources ||
          watched.channel_ids?.includes(event.channel)) &&
        matchesFilter(watched.filter, event.data);
    });
}
