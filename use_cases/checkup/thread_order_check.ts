// The order in which message_posted names a reply's two timestamps. The
// Events API says thread_ts is the parent (docs.slack.dev, message_replied);
// the SDK's description of the trigger data says message_ts "becomes the
// message_ts of the parent message" (deno-slack-api, event-data/
// message_posted.ts). The relay reads either order (use_cases/
// conversation/thread_relay.ts) and records the one it last saw; this line
// reports it, and checks that the reply it took is a reply in that thread.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { lastThreadOrder } from "../../slack/storage/checkup_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { type CheckupLine, fail, pass, skip } from "./checkup_line.ts";

export const THREAD_ORDER_CHECK = "Thread replies";

export async function checkThreadOrder(
  client: SlackAPIClient,
): Promise<CheckupLine> {
  const seen = await lastThreadOrder(client);
  // Nothing compared proves nothing: skipped, not passed, as files off are.
  if (!seen) {
    return skip(
      THREAD_ORDER_CHECK,
      "Skipped: no requester reply has been passed on yet, so there is nothing to compare; Helpdesk reads a reply's timestamps in either order meanwhile. Run the check-up again after the first one.",
    );
  }
  const thread = await slackCall(client, "conversations.replies", {
    channel: seen.channel,
    ts: seen.parent,
    limit: 1000,
  });
  const messages = (thread.messages ?? []) as Array<
    { ts?: string; thread_ts?: string }
  >;
  const reply = messages.find((m) => m.ts === seen.reply);
  if (!reply || reply.ts === reply.thread_ts) {
    return fail(
      THREAD_ORDER_CHECK,
      "The last reply Helpdesk passed on is not a reply in the thread it took it from (deleted since, or read back to front).",
      "If nobody deleted it, tell Helpdesk's maintainers: a requester's reply may have reached the wrong card. Compare the ticket's thread with the requester's.",
    );
  }
  if (seen.order === "parent_is_message_ts") {
    return fail(
      THREAD_ORDER_CHECK,
      "Slack named the parent message as message_ts and the reply as thread_ts, the reverse of the Events API.",
      "Nothing is lost: Helpdesk takes the earlier timestamp as the parent. Tell Helpdesk's maintainers, so docs/platform.md records how your workspace behaves.",
    );
  }
  return pass(
    THREAD_ORDER_CHECK,
    "The last reply passed on came with message_ts the reply and thread_ts its parent, as the Events API documents.",
  );
}
