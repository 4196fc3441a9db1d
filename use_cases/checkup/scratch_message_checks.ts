// Two checks on one short-lived message in the triage channel, deleted
// straight after:
// - message metadata round-trips: Helpdesk finds a card whose post answer
//   was lost by the ticket id in its metadata (slack/workspace/
//   triage_card.ts), read back with conversations.history and
//   include_all_metadata (docs.slack.dev, "Using message metadata");
// - the lock primitive is exclusive: the ticket lock, the intake mark and
//   the relay mark all rest on Slack refusing the same reaction from the
//   same user with already_reacted (docs.slack.dev, reactions.add). Nothing
//   documents that this holds for simultaneous adds, so N of them are sent
//   at once, and exactly one may succeed.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
// The lock's reaction itself (kept equal by dev/tests/own_marks_test.ts);
// the check takes no ticket's lock.
import { LOCK_MARK as LOCK_REACTION } from "../../helpdesk/tickets/reaction_marks.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";

export const METADATA_CHECK = "Message metadata";
export const LOCK_CHECK = "Ticket lock";
export const CHECKUP_EVENT_TYPE = "helpdesk_checkup";

/** How many reactions.add race for the lock. */
export const PARALLEL_ADDS = 6;

export async function checkScratchMessage(
  client: SlackAPIClient,
  channel: string,
  run: string,
  adds = PARALLEL_ADDS,
): Promise<CheckupLine[]> {
  const posted = await slackCall(client, "chat.postMessage", {
    channel,
    text:
      "Helpdesk check-up: a test message, deleted again in a moment. Please ignore it.",
    metadata: { event_type: CHECKUP_EVENT_TYPE, event_payload: { run } },
  });
  const ts = String(posted.ts);
  const where = { channel, timestamp: ts };
  const lines: CheckupLine[] = [];
  let cleanup: string | undefined;
  try {
    lines.push(await metadataLine(client, channel, ts, run));
    const outcomes = await Promise.all(
      Array.from(
        { length: adds },
        () =>
          slackCall(client, "reactions.add", { ...where, name: LOCK_REACTION })
            .then(
              () => "ok",
              (error) => error instanceof SlackCallError ? error.code : "error",
            ),
      ),
    );
    lines.push(lockLine(outcomes));
  } finally {
    // The reaction first: chat.delete leaves reactions nowhere, but a
    // message that can't be deleted should not keep a lock on it.
    await slackCall(client, "reactions.remove", {
      ...where,
      name: LOCK_REACTION,
    }).catch(() => {});
    await slackCall(client, "chat.delete", { channel, ts }).catch((error) => {
      cleanup = error instanceof SlackCallError ? error.code : String(error);
    });
  }
  if (cleanup) {
    lines.push(fail(
      LOCK_CHECK,
      `The test message could not be deleted (${cleanup}).`,
      `Delete Helpdesk's "Helpdesk check-up: a test message" in <#${channel}> by hand.`,
    ));
  }
  return lines;
}

async function metadataLine(
  client: SlackAPIClient,
  channel: string,
  ts: string,
  run: string,
): Promise<CheckupLine> {
  const answer = await slackCall(client, "conversations.history", {
    channel,
    oldest: String(Number(ts) - 1),
    include_all_metadata: true,
    limit: 20,
  });
  const mine = (answer.messages ?? []).find((m: { ts?: string }) =>
    m.ts === ts
  ) as
    | { metadata?: { event_type?: string; event_payload?: { run?: string } } }
    | undefined;
  if (
    mine?.metadata?.event_type === CHECKUP_EVENT_TYPE &&
    mine.metadata.event_payload?.run === run
  ) {
    return pass(
      METADATA_CHECK,
      "A message's metadata came back as posted, so a card whose post was interrupted is found again rather than posted twice.",
    );
  }
  return fail(
    METADATA_CHECK,
    mine
      ? "A message came back without the metadata it was posted with."
      : "A message just posted was not found in the channel's history.",
    "Helpdesk may post a second card for a ticket when a post is interrupted. Tell your Slack admin; Slack documents metadata on messages posted by apps, so this is worth reporting to Slack.",
  );
}

function lockLine(outcomes: string[]): CheckupLine {
  const won = outcomes.filter((o) => o === "ok").length;
  const refused = outcomes.filter((o) => o === "already_reacted").length;
  const other = outcomes.filter((o) => o !== "ok" && o !== "already_reacted");
  if (won === 1 && refused === outcomes.length - 1) {
    return pass(
      LOCK_CHECK,
      `Of ${outcomes.length} reactions added at once, exactly 1 went through and ${refused} were refused (already_reacted): one change at a time per ticket holds.`,
    );
  }
  if (other.length > 0 && won <= 1) {
    return fail(
      LOCK_CHECK,
      `Of ${outcomes.length} reactions added at once, ${won} went through and ${other.length} failed otherwise (${
        [...new Set(other)].join(", ")
      }).`,
      "Run the check-up again in a minute: Slack may have been rate limiting. If it keeps failing, check that Helpdesk has reactions:write.",
    );
  }
  return fail(
    LOCK_CHECK,
    `Of ${outcomes.length} reactions added at once, ${won} went through: Slack did not refuse the same reaction twice.`,
    "Two people's changes to one ticket at the same moment could undo each other here. Ask agents to avoid changing one ticket together, and report it to Slack: reactions.add documents already_reacted.",
  );
}
