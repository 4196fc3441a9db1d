// What Slack says about a reaction, for functions started by reaction
// events. Their inputs (who reacted, on which message) come from the event
// trigger, but a step's inputs can be filled by anyone who builds a
// workflow with it, so before acting for the person, Helpdesk asks Slack
// whether that person's reaction is really on that message.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";

/** Helpdesk is not in the channel, or can't see it (private, uninvited). */
const UNREADABLE = new Set(["not_in_channel", "channel_not_found"]);

export interface ReactedMessageFacts {
  /** False when Helpdesk can't read the channel at all. */
  readable: boolean;
  /** Whether the person's reaction is on the message now. */
  reacted: boolean;
  /** Who wrote the message, as Slack says (absent for bots and apps). */
  author?: string;
}

export async function reactionFacts(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
  reaction: string,
  user: string,
): Promise<ReactedMessageFacts> {
  let answer;
  try {
    answer = await slackCall(client, "reactions.get", {
      channel: where.channel,
      timestamp: where.ts,
      // Without it Slack may list only some of the people who reacted.
      full: true,
    });
  } catch (error) {
    if (error instanceof SlackCallError && UNREADABLE.has(error.code)) {
      return { readable: false, reacted: false };
    }
    // A message deleted since (or never there) has no reaction to act on.
    if (error instanceof SlackCallError && error.code === "message_not_found") {
      return { readable: true, reacted: false };
    }
    throw error;
  }
  const message = answer.message as
    | {
      user?: string;
      reactions?: Array<{ name?: string; users?: string[] }>;
    }
    | undefined;
  const found = message?.reactions?.find((r) => r.name === reaction);
  return {
    readable: true,
    reacted: found?.users?.includes(user) ?? false,
    author: typeof message?.user === "string" && message.user
      ? message.user
      : undefined,
  };
}
