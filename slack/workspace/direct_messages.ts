// The same DM to several people at once (approvers, a private request's
// agents). One person's closed DM or deactivated account must not stop the
// others, so each is settled on its own. A channel named for a role may
// hold other apps' bots: Slack refuses their DM (cannot_dm_bot), which is no
// failure, since no person missed it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { KnownBlock } from "@slack/types";
import { slackCall } from "../api/slack_call.ts";
import { refusedAsBot } from "./bot_user.ts";

export interface Posted {
  channel: string;
  ts: string;
}

export async function dmEach(
  client: SlackAPIClient,
  people: readonly string[],
  message: { text: string; blocks: KnownBlock[] },
): Promise<{ posted: Posted[]; failures: unknown[] }> {
  const results = await Promise.allSettled(
    people.map((person) =>
      slackCall(client, "chat.postMessage", {
        channel: person,
        ...message,
        unfurl_links: false,
      })
    ),
  );
  return {
    posted: results.flatMap((r) =>
      r.status === "fulfilled"
        ? [{ channel: String(r.value.channel), ts: String(r.value.ts) }]
        : []
    ),
    failures: results.flatMap((r) =>
      r.status === "rejected" && !refusedAsBot(r.reason) ? [r.reason] : []
    ),
  };
}
