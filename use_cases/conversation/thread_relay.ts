// A reply in the thread of a message that became a ticket (see
// triggers/created_by_app/requester_message.ts) reaches the ticket's agents, once: Slack
// may deliver the event twice, so the run that passes it on is the one whose
// :envelope_with_arrow: mark on the message Slack accepts (as with the
// :ticket: mark). The mark also shows the writer it was passed on.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  findTicketId,
  getTicketRevision,
  lookupByThread,
  lookupByThreadOf,
} from "../../slack/storage/ticket_store.ts";
import { SlackCallError } from "../../slack/api/slack_call.ts";
import {
  giveBackMark,
  keepMark,
  takeMark,
  toldBefore,
} from "../../slack/storage/reaction_marks.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { followMerge, surelyPaused } from "./conversation_speaker.ts";
import { relayFromRequester } from "./conversation.ts";
import { recordThreadOrder } from "../../slack/storage/checkup_store.ts";
import { readMessage } from "../../slack/workspace/read_message.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { copyFilesOrTell } from "../opening/ticket_files.ts";
import { recordUnderLock } from "./copies_record.ts";
import type { MessageFile } from "../../helpdesk/tickets/ticket_files.ts";
import {
  checkMessage,
  THREAD_MESSAGE_LIMIT,
} from "../../helpdesk/tickets/conversation.ts";
import { plainMessageText } from "../../helpdesk/tickets/message_ticket.ts";
import {
  filesNotPassedOn,
  notPassedOn,
  passedOnAfterAll,
} from "../../slack/blocks/conversation_messages.ts";

export const RELAYED_MARK = "envelope_with_arrow";

/** Why a reply whose relay failed was not passed on (the log has more). */
const RELAY_FAILED =
  "Helpdesk hit a problem on the way. Post it again in a moment; if it keeps happening, tell your Slack admin.";

/**
 * What the message_posted trigger hands over. Which of the two timestamps is
 * the reply is not settled: the Events API says a reply's `thread_ts` names
 * its parent (docs.slack.dev/reference/events/message/message_replied), but
 * the SDK's own description of the trigger's event data says that for a
 * threaded message `message_ts` "becomes the message_ts of the parent
 * message" (slackapi/deno-slack-api,
 * src/typed-method-types/workflows/triggers/event-data/message_posted.ts).
 * So neither field is trusted to be the reply: see threadPosition.
 */
export interface ThreadMessage {
  channel: string;
  message_ts: string;
  thread_ts: string;
}

/**
 * The parent and the reply of a threaded message, whichever order the event
 * gives them in: a reply is always posted after its parent, so the parent is
 * the earlier timestamp. Undefined for a top-level message (both the same).
 */
export function threadPosition(
  event: Pick<ThreadMessage, "message_ts" | "thread_ts">,
): { parent: string; reply: string } | undefined {
  const { message_ts: a, thread_ts: b } = event;
  if (!a || !b || a === b) return undefined;
  return compareTimestamps(a, b) < 0
    ? { parent: a, reply: b }
    : { parent: b, reply: a };
}

const SLACK_TS = /^\d+(\.\d+)?$/;

/**
 * Slack timestamps ("1700000000.123456") compared exactly: as numbers they
 * carry 16 significant digits, one more than a double keeps reliably.
 */
export function compareTimestamps(a: string, b: string): number {
  for (const ts of [a, b]) {
    if (!SLACK_TS.test(ts)) throw new Error(`${ts} is not a Slack timestamp`);
  }
  const [aSeconds, aFraction = ""] = a.split(".");
  const [bSeconds, bFraction = ""] = b.split(".");
  const seconds = BigInt(aSeconds) - BigInt(bSeconds);
  if (seconds !== 0n) return seconds < 0n ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const fa = aFraction.padEnd(width, "0");
  const fb = bFraction.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** The ticket it was passed to, or undefined when there was nothing to do. */
export async function relayThreadMessage(
  client: SlackAPIClient,
  event: ThreadMessage,
  now = Math.floor(Date.now() / 1000),
  /** The run's token when files are on: the reply's files are copied too. */
  options: { filesToken?: string } = {},
): Promise<Ticket | undefined> {
  const { channel } = event;
  const position = threadPosition(event);
  if (!position) return undefined;
  const { parent: threadTs, reply: ts } = position;
  const ticketId = await findTicketId(
    client,
    lookupByThread(channel, threadTs),
  );
  // Most threads in an intake channel are no ticket's.
  if (!ticketId) return undefined;
  // The reply's author and words come from Slack's copy of the thread
  // (conversations.replies from the parent, the reply found by its ts).
  const message = await readMessage(client, channel, ts, threadTs);
  // The writer's own ticket in this thread, if they asked for one here;
  // else the thread's latest (someone answering for the requester).
  const own = message.user
    ? await findTicketId(
      client,
      lookupByThreadOf(channel, threadTs, message.user),
    )
    : undefined;
  const loaded = await followMerge(
    client,
    await loadQueuedTicket(client, own ?? ticketId),
  );
  // Apps' messages, Helpdesk's own replies among them, are not passed on.
  if (!loaded.ok || !message.user || message.bot_id) return undefined;
  // Slack's markup as a person reads it: no mention in it pings anyone
  // again when it is quoted in the card's thread. Any message Slack took is
  // passed on whole, cut into parts where it is long; one with no words
  // (a file alone) has nothing to pass on.
  const written = checkMessage(
    plainMessageText(message.text ?? ""),
    THREAD_MESSAGE_LIMIT,
  );
  const writer = { user: message.user, channel, thread_ts: threadTs };
  const files = options.filesToken ? message.files : [];
  // Files off: none is passed on, so their writer hears it rather than
  // believe the agents see them.
  if (!options.filesToken && message.files.length) {
    await tellPerson(
      client,
      writer,
      filesNotPassedOn(loaded.ticket, message.files.length),
    );
  }
  if (!written.ok) {
    if (message.text?.trim()) {
      await tellPerson(client, writer, notPassedOn(loaded.ticket, written));
      return undefined;
    }
    // A file alone: its words are none, its files still go.
    if (files.length === 0) return undefined;
  }
  // Closed (or waiting for approval) only when a read as new as its last
  // change says so too: this read is not under the lock, and a reopen a
  // moment ago may not show in it yet. When that is unsure, the words go on
  // to the change, which decides on the ticket read under its lock.
  const paused = await surelyPaused(client, loaded.ticket, "comment");
  if (paused) {
    await tellPerson(client, writer, paused);
    return undefined;
  }
  // Taken back only by the run that holds it (reaction_claim.ts).
  const claim = await takeMark(
    client,
    { channel, timestamp: ts, name: RELAYED_MARK },
    "relay",
  );
  // Another delivery of the same message has it.
  if (claim.kind === "held") return undefined;
  if (claim.kind === "unclaimable") {
    throw new SlackCallError("reactions.add", claim.code, { channel });
  }
  if (claim.kind === "failed") throw claim.error;
  const { mark } = claim;
  let passedOn = false;
  try {
    const relayed = written.ok
      ? await relayFromRequester(
        client,
        loaded,
        message.user,
        written.text,
        now,
        { channel, thread_ts: threadTs },
      )
      : { ok: true as const, ticket: loaded.ticket };
    if (!relayed.ok) {
      // Refused under the lock (closed or removed a moment ago, the lock
      // busy): not passed on, so not marked as passed on, and the writer
      // hears why where they wrote, as when it was refused before the
      // mark. Nothing passes it on later by itself.
      // Removed meanwhile (an erasure takes open tickets too): the lock's
      // reason would say to try again, which can't help now.
      const still = await loadQueuedTicket(client, loaded.ticket.id);
      const why = still.ok ? relayed : still;
      // A refusal about the ticket (closed…) says it was not passed on; the
      // lock's own (busy…) only that nothing changed, so it is said here.
      // Told before the mark goes, and the mark's record says so: a
      // delivery of the same event that passes it on later corrects it.
      const told = await tellPerson(
        client,
        writer,
        /not passed/.test(why.reason)
          ? why.reason
          : notPassedOn(loaded.ticket, why),
      ).then(() => true, (error) => {
        console.warn(`${writer.user} not told`, error);
        return false;
      });
      await giveBackMark(client, mark, undefined, told);
      return undefined;
    }
    passedOn = true;
    // A delivery of this event that failed before may have told its writer
    // it was not passed on (below): said again, truly, once.
    const toldNot = toldBefore(client, mark);
    if (files.length) {
      await copyRequesterFiles(
        client,
        options.filesToken!,
        relayed.ticket,
        files,
        writer,
        now,
      );
    }
    if (await toldNot) {
      await tellPerson(client, writer, passedOnAfterAll(relayed.ticket))
        .catch((error) => console.warn(`${writer.user} not told`, error));
    }
    await keepMark(client, mark);
    // Which order Slack named the two timestamps in, for the check-up's
    // line on it (use_cases/checkup/): only what was seen, never trusted.
    await recordThreadOrder(client, {
      channel,
      parent: threadTs,
      reply: ts,
      order: event.message_ts === ts
        ? "reply_is_message_ts"
        : "parent_is_message_ts",
    }).catch((error) =>
      console.warn("thread order not recorded for the check-up", error)
    );
    return relayed.ticket;
  } catch (error) {
    // Unmarked, so that a redelivery passes it on. Nothing else will (Slack
    // documents no redelivery of a failed run's event), so a writer whose
    // words did not reach the agents hears it, as for a refusal; before the
    // mark goes, whose record says so, so that a redelivery that passes it
    // on after all says that too (toldBefore above).
    const told = !passedOn &&
      await tellPerson(
        client,
        writer,
        notPassedOn(loaded.ticket, { reason: RELAY_FAILED }),
      ).then(() => true, (told) => {
        console.warn(`${writer.user} not told`, told);
        return false;
      });
    await giveBackMark(client, mark, undefined, told).catch((removal) =>
      console.warn(`${channel}/${ts}: relay mark not taken back`, removal)
    );
    throw error;
  }
}

/**
 * The reply's files to the card's thread (and, for a ticket linked to JSM,
 * to its request, public as the requester's words are). The words are
 * already passed on: a failure here is logged and the writer told, never
 * the relay's.
 */
async function copyRequesterFiles(
  client: SlackAPIClient,
  token: string,
  ticket: Ticket,
  files: MessageFile[],
  by: { user: string; channel: string; thread_ts: string },
  now: number,
) {
  const linked = Boolean(ticket.jsm_key) || ticket.jsm_sync === "pending";
  await copyFilesOrTell(client, token, ticket, {
    files,
    by,
    ...(linked ? { toJsm: { public: true, now } } : {}),
    // Read whole: this function reads whole tickets anyway.
    record: recordUnderLock(client, ticket, getTicketRevision),
  });
}
