// The same DM to several people at once (approvers, a private request's
// agents). One person's closed DM or deactivated account must not stop the
// others, so each is settled on its own.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { KnownBlock } from "@slack/types";
import { slackCall } from "../api/slack_call.ts";

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
    failures: results.flatMap((r) => r.status === "rejected" ? [r.reason] : []),
  };
}
