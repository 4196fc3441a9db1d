// Tells one person something only they should see: an ephemeral message where
// they are (the card's channel), or a DM when they can't get one there.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { KnownBlock } from "@slack/types";
import { slackCall, type SlackResponse } from "../api/slack_call.ts";
import { notShownNotice } from "./not_shown.ts";

export async function tellPerson(
  client: SlackAPIClient,
  to: {
    user: string;
    channel?: string;
    /** The thread they are in, so the ephemeral shows there. */
    thread_ts?: string;
  },
  text: string,
  blocks?: KnownBlock[],
): Promise<SlackResponse | undefined> {
  const message = blocks ? { text, blocks } : { text };
  if (to.channel) {
    try {
      await slackCall(client, "chat.postEphemeral", {
        channel: to.channel,
        user: to.user,
        ...(to.thread_ts ? { thread_ts: to.thread_ts } : {}),
        ...message,
      });
      return;
    } catch {
      // Not in that channel, or Helpdesk isn't: fall through to a DM.
    }
  }
  // A DM's answer names its own channel and ts, which chat.update takes
  // (docs.slack.dev/reference/methods/chat.update); an ephemeral is gone on
  // reload and can't be updated, so telling there answers nothing.
  return slackCall(client, "chat.postMessage", {
    channel: to.user,
    ...message,
  });
}

/**
 * Where to tell someone about a ticket: in the card's channel for agents;
 * by DM for the requester, who acts from their DM and may not be in it.
 */
export function whereToTell(
  user: string,
  ticket?: { card_channel?: string; requester?: string },
) {
  return {
    user,
    channel: ticket?.requester === user ? undefined : ticket?.card_channel,
  };
}

/** A change was saved but Slack refused to show some of it: say so. */
export async function reportNotShown(
  client: SlackAPIClient,
  actor: string,
  result: {
    ticket: { key: string; card_channel?: string; requester?: string };
    notShown: unknown[];
  },
) {
  if (result.notShown.length === 0) return;
  console.warn(
    `${result.ticket.key}: saved, but not all of it was shown`,
    result.notShown,
  );
  await tellPerson(
    client,
    whereToTell(actor, result.ticket),
    notShownNotice(result.ticket.key, result.notShown),
  ).catch((error) =>
    console.warn(`${result.ticket.key}: not told what was not shown`, error)
  );
}
