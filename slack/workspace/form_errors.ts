// A message for a modal's field error: plain words, as Slack shows errors
// as written. Channels are named by asking Slack (conversations.info, with
// the channels:read and groups:read scopes Helpdesk has for queue members);
// one it can't see is "that channel". People are named by the caller
// ("you", "the person you chose"): naming others would take users:read,
// which Helpdesk does not ask for.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../api/slack_call.ts";
import {
  channelsNamedIn,
  plainFromMrkdwn,
  type PlainWords,
} from "../blocks/plain_text.ts";

export async function formError(
  client: SlackAPIClient,
  mrkdwn: string,
  words: PlainWords = {},
): Promise<string> {
  const ids = channelsNamedIn(mrkdwn);
  const names = await Promise.all(ids.map((id) => channelName(client, id)));
  const channels: Record<string, string> = { ...words.channels };
  ids.forEach((id, i) => {
    if (names[i]) channels[id] = names[i]!;
  });
  return plainFromMrkdwn(mrkdwn, { ...words, channels });
}

async function channelName(
  client: SlackAPIClient,
  channel: string,
): Promise<string | undefined> {
  try {
    const answer = await slackCall(client, "conversations.info", { channel });
    const name = answer.channel?.name;
    return typeof name === "string" && name ? name : undefined;
  } catch {
    return undefined;
  }
}
