// One message, read from Slack itself: its words and who wrote it, rather
// than what an event or a workflow input claims.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import { filesOf } from "./file_copy.ts";
import type { MessageFile } from "../../helpdesk/tickets/ticket_files.ts";

export interface ReadMessage {
  text: string;
  /** The person who wrote it; absent for an app's message. */
  user?: string;
  bot_id?: string;
  /** The files it carries, as Slack lists them on the message. */
  files: MessageFile[];
}

/** From the channel, or from its thread when `threadTs` says it is a reply. */
export async function readMessage(
  client: SlackAPIClient,
  channel: string,
  ts: string,
  threadTs: string | undefined,
): Promise<ReadMessage> {
  const window = { channel, oldest: ts, latest: ts, inclusive: true };
  const page = threadTs && threadTs !== ts
    ? await slackCall(client, "conversations.replies", {
      ...window,
      ts: threadTs,
      limit: 2,
    })
    : await slackCall(client, "conversations.history", { ...window, limit: 1 });
  const found = (page.messages ?? []).find((m: { ts?: string }) => m.ts === ts);
  if (!found) {
    throw new SlackCallError("conversations.history", "message_not_found");
  }
  return {
    text: String(found.text ?? ""),
    files: filesOf(found),
    ...(typeof found.user === "string" ? { user: found.user } : {}),
    ...(typeof found.bot_id === "string" ? { bot_id: found.bot_id } : {}),
  };
}
