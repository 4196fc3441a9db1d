// Slack's built-in SendMessage and SendDm functions, as the local runtime
// runs them: the app's bot posts the message, and the step's output is the
// message's context, as Slack's reference declares it.
import type { FakeWorkspace } from "../../testing/fake_slack/workspace.ts";
import { BOT_ID, BOT_USER_ID } from "../../testing/fake_slack/workspace.ts";

export const SEND_MESSAGE_ID = "slack#/functions/send_message";
export const SEND_DM_ID = "slack#/functions/send_dm";

export function sendMessage(
  ws: FakeWorkspace,
  functionId: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const channel = functionId === SEND_DM_ID
    ? ws.imWith(String(inputs.user_id)).id
    : String(inputs.channel_id);
  if (!ws.channels.get(channel)?.members.has(BOT_USER_ID)) {
    throw new Error(`Helpdesk is not in ${channel}`);
  }
  const message = {
    channel,
    ts: ws.nextTs(),
    user: BOT_USER_ID,
    bot_id: BOT_ID,
    text: String(inputs.message ?? ""),
    blocks: inputs.interactive_blocks as unknown[] | undefined,
  };
  ws.messages.push(message);
  return {
    message_context: { channel_id: channel, message_ts: message.ts },
    ...(functionId === SEND_MESSAGE_ID
      ? { message_link: ws.permalink(channel, message.ts) }
      : {}),
  };
}
