// Helpdesk must be in every triage and intake channel: event triggers only
// fire in channels the app is a member of (docs.slack.dev, "Creating event
// triggers"), and it posts cards and reads messages there.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";

export const MEMBERSHIP_CHECK = "Helpdesk in its channels";

export async function checkMembership(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queues: readonly Queue[],
): Promise<CheckupLine> {
  const channels = [
    ...new Set([
      settings.triage_channel,
      ...queues.flatMap((q) => [q.triage_channel, ...q.intake_channels]),
    ]),
  ];
  // true, false, or undefined: an answer without is_member proves nothing.
  const member = await Promise.all(channels.map(async (channel) => {
    try {
      const { channel: info } = await slackCall(
        client,
        "conversations.info",
        { channel },
      );
      return typeof info?.is_member === "boolean" ? info.is_member : undefined;
    } catch (error) {
      // A private channel Helpdesk was never invited to is invisible.
      if (
        error instanceof SlackCallError && error.code === "channel_not_found"
      ) {
        return false;
      }
      throw error;
    }
  }));
  const named = (is: boolean | undefined) =>
    channels.filter((_, i) => member[i] === is).map((c) => `<#${c}>`).join(
      ", ",
    );
  const outside = named(false);
  const unsaid = named(undefined);
  if (outside || unsaid) {
    return fail(
      MEMBERSHIP_CHECK,
      [
        outside && `Helpdesk is not in ${outside}.`,
        unsaid &&
        `Slack did not say whether Helpdesk is in ${unsaid} (conversations.info gave no is_member).`,
      ].filter(Boolean).join(" "),
      "Add it in each: type `/invite @Helpdesk` there (where it is already in, Slack says so). Until then no reaction, reply or card works in those channels.",
    );
  }
  return pass(
    MEMBERSHIP_CHECK,
    `Helpdesk is in all ${channels.length} triage and intake channels.`,
  );
}
