// A message becomes a ticket when someone reacts to it with the intake emoji
// in a queue's intake channel. Slack may deliver the event more than once and
// several people may react at once, so the run that makes the ticket is the
// one whose ticket mark (Helpdesk's own reaction) Slack accepts; every other
// run sees `already_reacted` and waits for the ticket to be saved. A run
// that fails takes its mark back, so reacting again retries, and a ticket
// it saved without showing is finished by that retry (its id comes from the
// message, see open_ticket.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { listStoredQueues } from "../../slack/storage/queue_store.ts";
import {
  findTicketId,
  getTicket,
  lookupByMessage,
} from "../../slack/storage/ticket_store.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  NotShownYet,
  type OpenedTicket,
  openTicket,
  SettingsProblem,
} from "./open_ticket.ts";
import { openingFailure } from "./finish_opening.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  DEFAULT_INTAKE_EMOJI,
  descriptionFromMessage,
  isHelpdeskMark,
  summaryFromMessage,
  TICKET_MARK,
} from "../../helpdesk/tickets/message_ticket.ts";
import { tsFromMessageLink } from "../../helpdesk/tickets/message_links.ts";
import { DEFAULT_CATEGORY } from "../../helpdesk/tickets/ticket_input.ts";
import {
  alreadyATicket,
  cannotReadMessage,
  intakeReply,
  markStuck,
  notAnIntakeChannel,
} from "../../slack/blocks/intake_messages.ts";
import { creationKeys } from "../../helpdesk/tickets/ticket_ids.ts";
import { threadRef } from "../../helpdesk/tickets/conversation.ts";
import { messageLink } from "../../slack/blocks/ticket_messages.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { readMessage } from "../../slack/workspace/read_message.ts";
import type { MessageFile } from "../../helpdesk/tickets/ticket_files.ts";
import { copyFilesOrTell } from "./ticket_files.ts";
import { reactionFacts } from "../../slack/workspace/reaction_check.ts";
import {
  markAbandoned,
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

/** Helpdesk is not in the channel, or can't see it (private, uninvited). */
const UNREADABLE = new Set(["not_in_channel", "channel_not_found"]);

export async function ticketFromMessage(
  client: SlackAPIClient,
  message: ReactedMessage,
  options: IntakeOptions = {},
): Promise<IntakeOutcome> {
  const run: IntakeRun = { ...options, tookMark: false };
  try {
    return await intake(client, message, run);
  } catch (error) {
    // This run saved it: the reactor is told so, and how it gets finished.
    if (error instanceof NotShownYet) throw error;
    // Another delivery may have the ticket, or be making it: then there is
    // nothing to apologise for, and nothing untrue is said. Looked for as
    // long as another run is given to save it.
    const other = await anotherRunsTicket(client, message, run).catch(
      (lookup) => {
        console.warn("ticket made from the message not looked up", lookup);
        return undefined;
      },
    );
    if (other) return other;
    throw error;
  }
}

interface IntakeOptions {
  syncToJsm?: boolean;
  nowMs?: number;
  /**
   * The run's token, when files are on: the message's files are copied to
   * the card's thread (downloading them takes the token itself).
   */
  filesToken?: string;
}

interface ReadAnswer {
  text?: string;
  files?: MessageFile[];
  error?: unknown;
}

interface IntakeRun extends IntakeOptions {
  /** Whether this run took Helpdesk's mark on the message. */
  tookMark: boolean;
}

/**
 * After this run failed: what another delivery of the same reaction did or
 * is doing. Undefined when no other run has the message, so what this run
 * says about it is true.
 */
async function anotherRunsTicket(
  client: SlackAPIClient,
  message: ReactedMessage,
  run: IntakeRun,
): Promise<IntakeOutcome | undefined> {
  const deadline = Date.now() + MARK_WAIT_MS;
  for (;;) {
    const made = await madeFrom(client, message);
    if (made) {
      if (!made.setup_pending) return await alreadyDone(client, message, made);
      // Saved by this run (its mark since taken back): finished by reacting
      // again or by the scheduled check, as the reactor is told.
      if (run.tookMark) {
        throw new NotShownYet(made, new Error("not shown"));
      }
      return { kind: "duplicate" };
    }
    if (!run.tookMark && await markedByHelpdesk(client, message)) {
      const held = await markHeld(client, message, run);
      return held === "abandoned" ? undefined : held;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
}

/** Whether Helpdesk's mark is on the message (another run holds it). */
async function markedByHelpdesk(
  client: SlackAPIClient,
  message: ReactedMessage,
): Promise<boolean> {
  const answer = await slackCall(client, "reactions.get", {
    channel: message.channel,
    timestamp: message.message_ts,
    full: true,
  }).catch(() => undefined);
  const reactions = (answer?.message as
    | { reactions?: Array<{ name?: string; users?: string[] }> }
    | undefined)?.reactions ?? [];
  const ours = reactions.find((r) => r.name === TICKET_MARK);
  return (ours?.users?.length ?? 0) > 0;
}

async function intake(
  client: SlackAPIClient,
  message: ReactedMessage,
  options: IntakeRun,
): Promise<IntakeOutcome> {
  const checked = await checkReaction(client, message);
  if (!checked.ok) return checked.outcome;
  // Reading changes nothing, so it goes along with taking the mark; its
  // answer is used only by the run that got the mark.
  const read: Promise<ReadAnswer> = readMessage(
    client,
    message.channel,
    message.message_ts,
    checked.threadTs,
  ).then(({ text, files }) => ({ text, files }), (error) => ({ error }));
  const notTaken = await takeMark(client, message, options);
  if (notTaken) return notTaken;
  return await openMarked(client, message, checked, read, options);
}

/** Where a reaction that is one for a ticket leads. */
interface IntakeTarget {
  ok: true;
  settings: HelpdeskSettings;
  queue: Queue;
  /** Who wrote the message, as Slack says (else whoever reacted). */
  requester: string;
  /** The thread the message is in, if it is a reply. */
  threadTs?: string;
}

/**
 * Is this reaction one that makes a ticket, here, now? Anything else is
 * ignored, refused with the reason, or found done already.
 */
async function checkReaction(
  client: SlackAPIClient,
  message: ReactedMessage,
): Promise<IntakeTarget | { ok: false; outcome: IntakeOutcome }> {
  const { channel, message_ts: ts } = message;
  const stop = (outcome: IntakeOutcome) => ({ ok: false as const, outcome });
  // Helpdesk's own marks never make tickets, even where settings saved
  // before they were refused as the intake emoji still name one.
  if (isHelpdeskMark(message.reaction)) return stop({ kind: "ignored" });
  // Direct messages are never intake channels, and Helpdesk can't read them.
  if (/^D/.test(channel)) {
    return stop(
      await refuse(client, message, cannotReadMessage(channel, true)),
    );
  }
  const [settings, existing, stored, facts] = await Promise.all([
    getSettings(client),
    madeFrom(client, message),
    listStoredQueues(client),
    // Who reacted and who wrote it, from Slack rather than from inputs
    // that a workflow using this step could fill in.
    reactionFacts(client, { channel, ts }, message.reaction, message.user),
  ]);
  if (!settings) return stop(await refuse(client, message, NOT_CONFIGURED));
  if (message.reaction !== (settings.intake_emoji ?? DEFAULT_INTAKE_EMOJI)) {
    return stop({ kind: "ignored" });
  }
  if (facts.readable && !facts.reacted) {
    console.warn(
      `message_to_ticket ignored: Slack has no :${message.reaction}: by ${message.user} on ${channel}/${ts}`,
    );
    return stop({ kind: "ignored" });
  }
  // One that is saved but not yet shown is finished later, under the mark.
  if (existing && !existing.setup_pending) {
    return stop(await alreadyDone(client, message, existing));
  }
  // The default queue takes reactions only once edited as a queue, so the
  // stored queues are all there is to look through.
  const queue = stored.find((q) => q.intake_channels.includes(channel));
  if (!queue) {
    return stop(await refuse(client, message, notAnIntakeChannel(channel)));
  }
  if (!facts.readable) {
    return stop(
      await refuse(client, message, cannotReadMessage(channel, false)),
    );
  }
  return {
    ok: true,
    settings,
    queue,
    requester: facts.author ?? message.user,
    threadTs: tsFromMessageLink(message.parent_message_link),
  };
}

/**
 * Takes the ticket mark, which only one run gets. Undefined: this run has
 * it; otherwise what became of the reaction. A mark whose run stopped is
 * cleared and taken again, once.
 */
async function takeMark(
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
    await recordMarkTaken(client, where, nowSeconds(run)).catch((error) =>
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
    // The mark may have landed with its answer lost: taken back, so that
    // reacting again can take it.
    await takeBack(client, message);
    throw error;
  }
}

const nowSeconds = (run: { nowMs?: number }) =>
  Math.floor((run.nowMs ?? Date.now()) / 1000);

/** The mark taken back; if Slack refuses, it is left to expire at once. */
async function takeBack(client: SlackAPIClient, message: ReactedMessage) {
  const { channel, message_ts: ts } = message;
  try {
    await removeMark(client, channel, ts);
  } catch (removal) {
    if (removal instanceof SlackCallError && removal.code === "no_reaction") {
      return;
    }
    console.error(`the mark on ${channel}:${ts} stays`, removal);
    await recordMarkLeft(client, { channel, ts }).catch((error) =>
      console.warn(`${channel}/${ts}: intake mark not freed`, error)
    );
  }
}

/** Under the mark: the ticket opened from the message read. */
async function openMarked(
  client: SlackAPIClient,
  message: ReactedMessage,
  target: IntakeTarget,
  read: Promise<ReadAnswer>,
  options: IntakeRun,
): Promise<IntakeOutcome> {
  const { channel, message_ts: ts } = message;
  const { settings, queue, threadTs } = target;
  try {
    const answer = await read;
    if (answer.error !== undefined) throw answer.error;
    const text = answer.text ?? "";
    const permalink = message.message_link ||
      messageLink(settings.workspace_url, channel, ts);
    const opened = await openTicket(
      client,
      {
        summary: summaryFromMessage(text),
        description: descriptionFromMessage(text, permalink),
        priority: "normal",
        category: DEFAULT_CATEGORY,
        requester: target.requester,
        source_channel: channel,
      },
      "reaction",
      options.nowMs,
      {
        creationKey: creationKeys.message(channel, ts),
        syncToJsm: options.syncToJsm,
        queueId: queue.id,
        settings,
        queue,
        reporter: message.user,
        sourceMessageTs: ts,
        // The requester's side of the conversation: this message's thread.
        requesterThread: threadRef(channel, threadTs ?? ts),
        // Said once, with the requester's DM, by the run that opens it.
        alsoTell: ({ ticket, cardLink }) => [{
          channel,
          thread_ts: threadTs ?? ts,
          text: intakeReply(
            ticket,
            cardLink,
            ticket.reporter ?? ticket.requester,
          ),
        }],
      },
    );
    if (options.filesToken && answer.files?.length) {
      // The ticket stands whatever happens to its files.
      await copyFilesOrTell(client, options.filesToken, opened.ticket, {
        files: answer.files,
        by: { user: target.requester, channel, thread_ts: threadTs ?? ts },
        // The requester's own message: public, as their words are.
        ...(options.syncToJsm
          ? {
            toJsm: {
              public: true,
              now: Math.floor((options.nowMs ?? Date.now()) / 1000),
            },
          }
          : {}),
      });
    }
    return { kind: "opened", opened };
  } catch (error) {
    // Taken back so that reacting again tries again (and finishes a ticket
    // that was saved but not shown).
    await takeBack(client, message);
    if (error instanceof SlackCallError && UNREADABLE.has(error.code)) {
      return refuse(client, message, cannotReadMessage(channel, false));
    }
    throw error;
  }
}

function removeMark(client: SlackAPIClient, channel: string, ts: string) {
  return slackCall(client, "reactions.remove", {
    channel,
    timestamp: ts,
    name: TICKET_MARK,
  });
}

/** The ticket this message became, if any (saved, maybe not yet shown). */
async function madeFrom(
  client: SlackAPIClient,
  message: ReactedMessage,
): Promise<Ticket | undefined> {
  const id = await findTicketId(
    client,
    lookupByMessage(message.channel, message.message_ts),
  );
  return id ? await getTicket(client, id) : undefined;
}

/** How long another run holding the mark is given to save the ticket. */
const MARK_WAIT_MS = 3000;

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
  const deadline = Date.now() + MARK_WAIT_MS;
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

async function alreadyDone(
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

async function refuse(
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
