// What the person who saved a queue is told, once its reactions follow it
// (queue_reactions.ts, the workflow's step after the form): the queue as it
// is saved, and what is still theirs to do. Which channels Helpdesk is not in
// is asked of Slack here (conversations.info's is_member, docs.slack.dev,
// "conversations.info"), not guessed from the save: conversations.join
// refuses every private channel (method_not_supported_for_channel_type),
// whether or not Helpdesk was invited already, so a refused join would tell
// people to invite it where it is.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import { publicTriageWarning } from "../../slack/blocks/setup_notice.ts";
import { describeQueue } from "../../slack/blocks/queue_summary.ts";
import { channelMention } from "../../slack/blocks/mrkdwn.ts";

/** Helpdesk's place in a channel; unknown when Slack would not say. */
interface ChannelPlace {
  is_member?: boolean;
  is_private?: boolean;
}

export async function queueSavedConfirmation(
  client: SlackAPIClient,
  queue: Queue,
): Promise<string> {
  const channels = [queue.triage_channel, ...queue.intake_channels];
  const places = await Promise.all(channels.map(async (channel) => {
    try {
      const { channel: info } = await slackCall(
        client,
        "conversations.info",
        { channel },
      );
      return (info ?? {}) as ChannelPlace;
    } catch (error) {
      // A private channel Helpdesk was never invited to is invisible to it;
      // any other failure leaves its place unknown, and unsaid.
      return error instanceof SlackCallError &&
          error.code === "channel_not_found"
        ? { is_member: false, is_private: true }
        : {};
    }
  }));
  const outside = channels.filter((_, i) => places[i].is_member === false);
  const invite = outside.length
    ? `\n:warning: Invite @Helpdesk to ${
      outside.map(channelMention).join(", ")
    } (\`/invite @Helpdesk\`): it can't join private channels by itself.`
    : "";
  const open = places[0].is_private === false
    ? `\n${publicTriageWarning(queue.triage_channel)}`
    : "";
  return `:white_check_mark: Saved.\n${describeQueue(queue)}${invite}${open}`;
}
