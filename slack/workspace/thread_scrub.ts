// Replacing the text of Helpdesk's own messages in a thread (a purge, an
// erasure). Only a message's poster can edit it: chat.update answers
// cant_update_message for anyone else's (docs.slack.dev/reference/methods/
// chat.update), so people's own messages are counted, not touched. A
// message already replaced is skipped, so doing a thread again costs reads
// only and changes nothing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { botUserOf } from "./bot_user.ts";

export interface ThreadMessage {
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
}

export interface ScrubResult {
  /** Helpdesk's messages whose text was replaced now. */
  replaced: number;
  /** Messages it would have replaced but can't: people's own. */
  uneditable: string[];
  /** False when the thread was longer than this run may read. */
  complete: boolean;
}

/** Replies read per page: Slack's recommended page size. */
const PAGE = 200;

/**
 * Replaces the text of each of the thread's messages that `pick` chooses
 * (`withParent`: the parent too) by `replacement`, reading at most
 * `maxPages` pages. A thread or channel that is gone counts as done.
 */
export async function scrubThread(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
  pick: (message: ThreadMessage) => boolean,
  replacement: string,
  options: { withParent?: boolean; maxPages?: number } = {},
): Promise<ScrubResult> {
  const bot = await botUserOf(client);
  const result: ScrubResult = { replaced: 0, uneditable: [], complete: true };
  let cursor: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 5); page++) {
    let answer;
    try {
      answer = await slackCall(client, "conversations.replies", {
        channel: where.channel,
        ts: where.ts,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
    } catch (error) {
      if (isGone(error)) return result;
      throw error;
    }
    const messages = (answer.messages ?? []) as ThreadMessage[];
    for (const message of messages) {
      if (message.ts === where.ts && !options.withParent) continue;
      if (!pick(message) || message.text === replacement) continue;
      if (message.user !== bot) {
        result.uneditable.push(message.ts);
        continue;
      }
      if (await replaceText(client, where.channel, message.ts, replacement)) {
        result.replaced++;
      } else result.uneditable.push(message.ts);
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return result;
  }
  return { ...result, complete: false };
}

/** One message's text replaced, its blocks and attachments dropped. */
export async function replaceText(
  client: SlackAPIClient,
  channel: string,
  ts: string,
  text: string,
): Promise<boolean> {
  try {
    await slackCall(client, "chat.update", {
      channel,
      ts,
      text,
      blocks: [],
      attachments: [],
    });
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

/**
 * Nothing this run can replace: the message, thread or channel is gone, or
 * the channel archived (its messages can't change).
 */
function isGone(error: unknown): boolean {
  return error instanceof SlackCallError && [
    "message_not_found",
    "thread_not_found",
    "channel_not_found",
    "is_archived",
    "is_inactive",
  ].includes(error.code);
}
