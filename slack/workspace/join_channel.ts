// Joining a channel Helpdesk must post or read in. Public channels can be
// joined; private ones need an invitation, which the caller asks for (a
// later post or read fails with not_in_channel / channel_not_found).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";

/** True when Helpdesk is in the channel now; false for a private one. */
export async function joinIfPublic(
  client: SlackAPIClient,
  channel: string,
): Promise<boolean> {
  try {
    await slackCall(client, "conversations.join", { channel });
    return true;
  } catch (error) {
    const privateChannel = error instanceof SlackCallError &&
      ["method_not_supported_for_channel_type", "channel_not_found"].includes(
        error.code,
      );
    if (!privateChannel) throw error;
    return false;
  }
}
