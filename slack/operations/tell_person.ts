// Tells one person something only they should see: an ephemeral message where
// they are (the card's channel), or a DM when they can't get one there.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { KnownBlock } from "@slack/types";
import { slackCall } from "../api/slack_call.ts";

export async function tellPerson(
  client: SlackAPIClient,
  to: {
    user: string;
    channel?: string;
    /** The thread they are in, so the ephemeral shows there. */
    thread_ts?: string;
  },
  text: string,
  blocks?: KnownBlock[],
): Promise<void> {
  const message = blocks ? { text, blocks } : { text };
  if (to.channel) {
    try {
      await slackCall(client, "chat.postEphemeral", {
        channel: to.channel,
        user: to.user,
        ...(to.thread_ts ? { thread_ts: to.thread_ts } : {}),
        ...message,
      });
      return;
    } catch {
      // Not in that channel, or Helpdesk isn't: fall through to a DM.
    }
  }
  await slackCall(client, "chat.postMessage", {
    channel: to.user,
    ...message,
  });
}
