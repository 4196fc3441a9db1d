// What a :ticket: run that failed tells its reactor: "No ticket was made from
// that message", once it has looked for another delivery's ticket or mark
// for as long as a run is given (intake_marks.ts anotherRunsTicket). A twin
// delivery slower than that may still take the mark and make the ticket,
// and what the reactor was told would stay untrue. So the failed run keeps
// where it said it (slack/storage/intake_mark.ts), and the run that makes
// the ticket corrects it: the DM edited in place, or (after an ephemeral,
// which can't be edited, or a refused edit) a new message naming the
// ticket. The record then says "corrected", so a run finishing the same
// ticket again never says it twice.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import {
  indexToldNone,
  recordToldNone,
  TOLD_WINDOW_SECONDS,
  toldNone,
  toldNoneId,
} from "../../slack/storage/intake_mark.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { intakeWaits, madeFrom, type ReactedMessage } from "./intake_marks.ts";
import { NotShownYet, SettingsProblem } from "./open_ticket.ts";
import { openingFailure } from "./opening_failures.ts";

/**
 * What the reactor is told when no ticket was made, and the log line:
 * settings problems are expected and said as they are, not logged.
 */
export function intakeFailure(
  error: unknown,
): { log?: string; message?: string; what: string } {
  const what = "No ticket was made from that message.";
  if (error instanceof NotShownYet) {
    return {
      log: "message_to_ticket failed",
      what,
      message: openingFailure(error, "React again to finish it."),
    };
  }
  if (error instanceof SettingsProblem) {
    // Plain text, with names people typed.
    return { what, message: `${what} ${escapeMrkdwn(error.message)}` };
  }
  return { log: "message_to_ticket failed", what };
}

/**
 * The run's end when it failed: logged, its reactor told privately where
 * they reacted (a DM when an ephemeral can't reach them), and where that
 * was said kept unless a ticket was saved (NotShownYet says so itself).
 */
export async function failIntake(
  client: SlackAPIClient,
  message: ReactedMessage,
  error: unknown,
): Promise<{ error: string }> {
  const failed = await failAndTell(client, error, intakeFailure(error));
  const { user, channel, message_ts: ts } = message;
  try {
    const dm = await tellPerson(client, { user, channel }, failed.error);
    if (error instanceof NotShownYet) return failed;
    const id = toldNoneId(channel, ts);
    const now = Math.floor(Date.now() / 1000);
    // Indexed for the scheduled run to delete; a failed index is logged.
    await Promise.all([
      recordToldNone(client, {
        id,
        holder: user,
        taken_at: now,
        state: "told",
        told_in: dm && `${dm.channel} ${dm.ts}`,
      }),
      indexToldNone(client, id, now).catch((e) =>
        console.warn(`${id}: not indexed`, e)
      ),
    ]);
    // A twin saving its ticket after this read reads the record after
    // this write, and corrects it. One saved before may have read the
    // record before it was written: it is given as long as a run holding
    // the mark is given to say it was made, then this run says so itself.
    if (!await madeFrom(client, message)) return failed;
    await new Promise((r) => setTimeout(r, intakeWaits.markMs));
    const made = await madeFrom(client, message);
    const url = made && (await getSettings(client))?.workspace_url;
    if (made && url) {
      await correctToldNone(
        client,
        message,
        made,
        cardLinkOf(made, url) ?? url,
      );
    }
  } catch (told) {
    console.warn(`${user}: not told, or not kept`, told);
  }
  return failed;
}

/**
 * Whoever was told no ticket was made from the message is told it was, by
 * the run that made (or finished) it, from the record it read once the
 * ticket was saved. Best effort: logged, never thrown, as the ticket stands
 * whatever happens here.
 */
export async function correctToldNone(
  client: SlackAPIClient,
  message: ReactedMessage,
  ticket: Ticket,
  cardLink: string,
  read = toldNone(client, message.channel, message.message_ts),
) {
  try {
    const told = await read;
    // A twin's, or one from an attempt within the hour: either way the
    // reactor was told none was made, and one now is.
    if (told?.state !== "told") return;
    if (Date.now() / 1000 - (told.taken_at ?? 0) > TOLD_WINDOW_SECONDS) return;
    // Kept as corrected first: a run finishing the ticket again, or the
    // failed run once its wait is over, reads it and leaves it.
    await recordToldNone(client, { ...told, state: "corrected" });
    const text =
      `:ticket: A ticket was made from that message after all: <${cardLink}|${ticket.key}>.`;
    const [channel, ts] = told.told_in?.split(" ") ?? [];
    // Helpdesk's own DM (only the bot's own messages can be updated:
    // cant_update_message; one deleted is message_not_found; a team's edit
    // window may close it, edit_window_closed: docs.slack.dev/reference/
    // methods/chat.update). Refused, it is said anew.
    const edited = ts &&
      await slackCall(client, "chat.update", { channel, ts, text }).then(
        () => true,
        (refused) => console.warn(`${ticket.key}: DM not edited`, refused),
      );
    if (!edited) {
      await tellPerson(
        client,
        { user: told.holder!, channel: message.channel },
        text,
      );
    }
  } catch (error) {
    console.warn(`${ticket.key}: "none made" not corrected`, error);
  }
}
