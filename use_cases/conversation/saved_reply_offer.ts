// The saved replies Reply to requester offers: its ticket's queue's list.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { SavedReply } from "../../helpdesk/queues/saved_replies.ts";
import { savedRepliesOf } from "../../slack/storage/saved_reply_store.ts";

/** The queue's saved replies, or none when they can't be read now. */
export async function offeredReplies(
  client: SlackAPIClient,
  queueId: string | undefined,
): Promise<SavedReply[]> {
  if (!queueId) return [];
  try {
    return await savedRepliesOf(client, queueId);
  } catch (error) {
    // The agent can still write their reply by hand.
    console.warn("saved replies not offered", error);
    return [];
  }
}
