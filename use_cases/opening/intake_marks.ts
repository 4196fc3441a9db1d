// Helpdesk's ticket mark on a message turned into a ticket (see
// message_intake.ts): only the run whose mark Slack accepts makes the
// ticket. Taking it, taking it back, waiting on another run that holds it,
// and what a run that failed may truthfully say: another delivery of the
// same reaction may have the ticket, or be making it. A mark whose run
// stopped expires (slack/storage/intake_mark.ts) and is cleared.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { getTicket } from "../../slack/storage/ticket_store.ts";
import {
  creationKeys,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import {
  isRateLimit,
  slackCall,
  SlackCallError,
} from "../../slack/api/slack_call.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { NotShownYet, type OpenedTicket } from "./open_ticket.ts";
import { TICKET_MARK } from "../../helpdesk/tickets/reaction_marks.ts";
import { tsFromMessageLink } from "../../helpdesk/tickets/message_links.ts";
import {
  alreadyATicket,
  cannotReadMessage,
  markStuck,
} from "../../slack/blocks/intake_messages.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { botUserOf } from "../../slack/workspace/bot_user.ts";
import {
  markAbandoned,
  markHeldByLiveRun,
  recordMarkLeft,
  recordMarkTaken,
} from "../../slack/storage/intake_mark.ts";

export interface ReactedMessage {
  channel: string;
  message_ts: string;
  message_link?: string;
  parent_message_link?: string;
  reaction: string;
  user: string;
}

export type IntakeOutcome =
  | { kind: "opened"; opened: OpenedTicket }
  /** Someone else's run has it, or had it: nothing to do. */
  | { kind: "duplicate" }
  /** Not Helpdesk's reaction (another emoji): ignored. */
  | { kind: "ignored" }
  /** The reactor was told why no ticket was made. */
  | { kind: "refused"; reason: string };

/** Helpdesk is not in the channel, or can't see it (private, uninvited). */
export const UNREADABLE = new Set(["not_in_channel", "channel_not_found"]);

export interface IntakeOptions {
  syncToJsm?: boolean;
  nowMs?: number;
  /**
   * The run's token, when files are on: the message's files are copied to
   * the card's thread (downloading them takes the token itself).
   */
  filesToken?: string;
}

export interface IntakeRun extends IntakeOptions {
  /** This run's own id, named in its record of the mark. */
  id: string;
  /** Whether this run took Helpdesk's mark on the message. */
  tookMark: boolean;
  /**
   * Set when this run's mark may still be on the message: taking it back
   * failed. Unset, a mark seen on the message is another run's.
   */
  markMayStay?: boolean;
  /**
   * The mark's record being written (it goes along with the run's first
   * reads under the mark); awaited before the mark is taken back.
   */
  markRecorded?: Promise<void>;
}

/**
 * After this run failed: what another delivery of the same reaction did or
 * is doing. Undefined when no other run has the message, so what this run
 * says about it is true. A run that took the mark and gave it up looks for
 * another run's mark too: the twin delivery may take it right after, and
 * is then making the ticket while this run would say none was made.
 */
export async function anotherRunsTicket(
  client: SlackAPIClient,
  message: ReactedMessage,
  run: IntakeRun,
): Promise<IntakeOutcome | undefined> {
  const deadline = Date.now() + intakeWaits.markMs;
  for (;;) {
    const made = await madeFrom(client, message);
    if (made && !made.setup_pending) {
      return await alreadyDone(client, message, made);
    }
    // Another run holds the mark: it saves the ticket, or finishes one
    // saved but not shown, and tells. Waited on as any run that found the
    // mark held waits; when that runs out, it says the mark is on (true).
    if (await othersMark(client, message, run)) {
      const held = await markHeld(client, message, run);
      return held === "abandoned" ? undefined : held;
    }
    if (made) {
      // Saved, and nobody else holds the mark: by this run (its answer
      // lost), finished by reacting again or by the scheduled check, as the
      // reactor is told; or by a run that says so itself.
      if (run.tookMark) {
        throw new NotShownYet(made, new Error("not shown"));
      }
      return { kind: "duplicate" };
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
}

/**
 * Whether Helpdesk's mark on the message is another run's. This run's own
 * is off the message unless taking it back failed; then a mark there is
 * another's only when a live run other than this one recorded taking it
 * (it cleared this run's, released, and took it again).
 */
async function othersMark(
  client: SlackAPIClient,
  message: ReactedMessage,
  run: IntakeRun,
): Promise<boolean> {
  if (!await markedByHelpdesk(client, message)) return false;
  if (!run.markMayStay) return true;
  const where = { channel: message.channel, ts: message.message_ts };
  return await markHeldByLiveRun(client, where, nowSeconds(run), run.id)
    .catch(() => false);
}

/**
 * Whether Helpdesk's mark is on the message (a run holds it): its own bot
 * user's reaction, which Slack always lists among the reaction's users
 * (docs.slack.dev/reference/methods/reactions.get). A person may click the
 * same emoji, and theirs stays when Helpdesk takes its own back; only when
 * auth.test could not say who Helpdesk is does anyone's count.
 */
async function markedByHelpdesk(
  client: SlackAPIClient,
  message: ReactedMessage,
): Promise<boolean> {
  const [answer, bot] = await Promise.all([
    slackCall(client, "reactions.get", {
      channel: message.channel,
      timestamp: message.message_ts,
      full: true,
    }).catch(() => undefined),
    botUserOf(client).catch(() => undefined),
  ]);
  const reactions = (answer?.message as
    | { reactions?: Array<{ name?: string; users?: string[] }> }
    | undefined)?.reactions ?? [];
  const users = reactions.find((r) => r.name === TICKET_MARK)?.users ?? [];
  return bot ? users.includes(bot) : users.length > 0;
}

/**
 * Takes the ticket mark, which only one run gets. Undefined: this run has
 * it; otherwise what became of the reaction. A mark whose run stopped is
 * cleared and taken again, once.
 */
export async function takeMark(
  client: SlackAPIClient,
  message: ReactedMessage,
  run: IntakeRun,
  again = false,
): Promise<IntakeOutcome | undefined> {
  const { channel, message_ts: ts } = message;
  const where = { channel, ts };
  try {
    await slackCall(client, "reactions.add", {
      channel,
      timestamp: ts,
      name: TICKET_MARK,
    });
    run.tookMark = true;
    // Written alongside what the run reads next: other runs look for it
    // only a second after they find the mark (liveRunHoldsMark).
    run.markRecorded = recordMarkTaken(client, where, nowSeconds(run), run.id)
      .catch((error) =>
        console.warn(`${channel}/${ts}: intake mark's time not kept`, error)
      );
    return undefined;
  } catch (error) {
    if (error instanceof SlackCallError && error.code === "already_reacted") {
      const held = await markHeld(client, message, run, !again);
      if (held !== "abandoned") return held;
      await removeMark(client, channel, ts).catch(() => {});
      return await takeMark(client, message, run, true);
    }
    if (error instanceof SlackCallError && UNREADABLE.has(error.code)) {
      return refuse(client, message, cannotReadMessage(channel, false));
    }
    // The add failed without saying whether it landed. A 429 was not
    // carried out, so any mark there is another run's. Otherwise the mark
    // may be this run's with its answer lost, or a live run's: it is taken
    // back only when two looks a second apart find no live run's record
    // (one writes it right after its add), as the ticket lock adopts.
    if (!isRateLimit(error) && !await liveRunHoldsMark(client, where, run)) {
      run.markMayStay = !await takeBack(client, message);
    }
    throw error;
  }
}

/** Two looks at the mark's record, a second apart (see takeMark). */
async function liveRunHoldsMark(
  client: SlackAPIClient,
  where: { channel: string; ts: string },
  run: IntakeRun,
): Promise<boolean> {
  const look = () =>
    markHeldByLiveRun(client, where, nowSeconds(run)).catch(() => true);
  if (await look()) return true;
  await new Promise((r) => setTimeout(r, intakeWaits.secondLookMs));
  return await look();
}

/** Longer than a live run takes from its add's answer to its record. */
export const SECOND_LOOK_MS = 1000;

const nowSeconds = (run: { nowMs?: number }) =>
  Math.floor((run.nowMs ?? Date.now()) / 1000);

/**
 * The mark taken back; if Slack refuses, it is left to expire at once.
 * Whether it is off the message (false: this run's mark may stay on it).
 */
export async function takeBack(
  client: SlackAPIClient,
  message: ReactedMessage,
): Promise<boolean> {
  const { channel, message_ts: ts } = message;
  try {
    await removeMark(client, channel, ts);
    return true;
  } catch (removal) {
    if (removal instanceof SlackCallError && removal.code === "no_reaction") {
      return true;
    }
    console.error(`the mark on ${channel}:${ts} stays`, removal);
    await recordMarkLeft(client, { channel, ts }).catch((error) =>
      console.warn(`${channel}/${ts}: intake mark not freed`, error)
    );
    return false;
  }
}

function removeMark(client: SlackAPIClient, channel: string, ts: string) {
  return slackCall(client, "reactions.remove", {
    channel,
    timestamp: ts,
    name: TICKET_MARK,
  });
}

/**
 * The ticket this message became, if any (saved, maybe not yet shown): its
 * id is derived from the message (open_ticket.ts), so it is read directly.
 */
export async function madeFrom(
  client: SlackAPIClient,
  message: ReactedMessage,
): Promise<Ticket | undefined> {
  const id = await ticketIdFor(
    creationKeys.message(message.channel, message.message_ts),
  );
  return await getTicket(client, id);
}

/** How long another run holding the mark is given to save the ticket. */
export const MARK_WAIT_MS = 3000;

/**
 * The waits a run takes: MARK_WAIT_MS and SECOND_LOOK_MS whenever Helpdesk
 * runs. They give another run time to act, so a test whose deliveries go
 * one after another (no other run can be saving or recording while one
 * waits) may shorten them (dev/testing/short_waits.ts) and spend its time
 * on checks rather than asleep; tests of runs at the same instant keep them.
 */
export const intakeWaits = {
  markMs: MARK_WAIT_MS,
  secondLookMs: SECOND_LOOK_MS,
};

/**
 * Someone else's run holds the mark: Slack delivered the event twice, or
 * several people reacted at once. Once that run has saved the ticket, this
 * one has nothing to do. A mark whose run stopped without a ticket is
 * "abandoned" (when `mayClear`), for this run to clear and take; one that
 * may still be live is explained: react again once it has expired.
 */
async function markHeld(
  client: SlackAPIClient,
  message: ReactedMessage,
  run: IntakeRun,
  mayClear = false,
): Promise<IntakeOutcome | "abandoned"> {
  const deadline = Date.now() + intakeWaits.markMs;
  for (;;) {
    const made = await madeFrom(client, message);
    if (made) {
      // Shown or being shown by the run that holds the mark.
      return made.setup_pending
        ? { kind: "duplicate" }
        : await alreadyDone(client, message, made);
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
  const where = { channel: message.channel, ts: message.message_ts };
  if (mayClear && await markAbandoned(client, where, nowSeconds(run))) {
    return "abandoned";
  }
  await tell(client, message, markStuck());
  return { kind: "duplicate" };
}

export async function alreadyDone(
  client: SlackAPIClient,
  message: ReactedMessage,
  ticket: Ticket,
): Promise<IntakeOutcome> {
  // The same person's event again (Slack redelivers) needs no answer.
  if (ticket.reporter === message.user || ticket.requester === message.user) {
    return { kind: "duplicate" };
  }
  await tell(client, message, alreadyATicket(ticket));
  return { kind: "duplicate" };
}

export async function refuse(
  client: SlackAPIClient,
  message: ReactedMessage,
  reason: string,
): Promise<IntakeOutcome> {
  await tell(client, message, reason);
  return { kind: "refused", reason };
}

/** Privately, where they reacted (a DM when Helpdesk can't post there). */
function tell(client: SlackAPIClient, message: ReactedMessage, text: string) {
  return tellPerson(client, {
    user: message.user,
    channel: message.channel,
    thread_ts: tsFromMessageLink(message.parent_message_link),
  }, text);
}
