// A message becomes a ticket when someone reacts to it with the intake emoji
// in a queue's intake channel. Slack may deliver the event more than once and
// several people may react at once, so the run that makes the ticket is the
// one whose ticket mark (Helpdesk's own reaction) Slack accepts; every other
// run sees `already_reacted` and waits for the ticket to be saved. A run
// that fails takes its mark back, so reacting again retries, and a ticket
// it saved without showing is finished by that retry (its id comes from the
// message, see open_ticket.ts). What a run that failed tells, and how a
// slower twin that made the ticket after all corrects it: intake_failure.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { listStoredQueues } from "../../slack/storage/queue_store.ts";
import { SlackCallError } from "../../slack/api/slack_call.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { NotShownYet, openUntypedTicket } from "./open_ticket.ts";
import {
  DEFAULT_INTAKE_EMOJI,
  descriptionFromMessage,
  isHelpdeskMark,
  summaryFromMessage,
} from "../../helpdesk/tickets/message_ticket.ts";
import { tsFromMessageLink } from "../../helpdesk/tickets/message_links.ts";
import { DEFAULT_CATEGORY } from "../../helpdesk/tickets/ticket_input.ts";
import {
  cannotReadMessage,
  intakeReply,
  notAnIntakeChannel,
} from "../../slack/blocks/intake_messages.ts";
import { creationKeys } from "../../helpdesk/tickets/ticket_ids.ts";
import { threadRef } from "../../helpdesk/tickets/conversation.ts";
import { messageLink } from "../../slack/blocks/ticket_messages.ts";
import { readMessage } from "../../slack/workspace/read_message.ts";
import type { MessageFile } from "../../helpdesk/tickets/ticket_files.ts";
import { untypedFilesOrTell } from "./ticket_files.ts";
import { correctToldNone } from "./intake_failure.ts";
import { toldNone } from "../../slack/storage/intake_mark.ts";
import { reactionFacts } from "../../slack/workspace/reaction_check.ts";
import {
  alreadyDone,
  anotherRunsTicket,
  type IntakeOptions,
  type IntakeOutcome,
  type IntakeRun,
  madeFrom,
  type ReactedMessage,
  refuse,
  takeBack,
  takeMark,
  UNREADABLE,
} from "./intake_marks.ts";

export type { IntakeOutcome, ReactedMessage } from "./intake_marks.ts";

export async function ticketFromMessage(
  client: SlackAPIClient,
  message: ReactedMessage,
  options: IntakeOptions = {},
): Promise<IntakeOutcome> {
  const run: IntakeRun = {
    ...options,
    id: crypto.randomUUID(),
    tookMark: false,
  };
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
    if (other) {
      // Nothing to tell the reactor, but the failure is still logged.
      console.warn("message_to_ticket failed; another run has it", error);
      return other;
    }
    throw error;
  }
}

interface ReadAnswer {
  text?: string;
  files?: MessageFile[];
  error?: unknown;
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
  let told: ReturnType<typeof toldNone> | undefined;
  try {
    const answer = await read;
    if (answer.error !== undefined) throw answer.error;
    const text = answer.text ?? "";
    const permalink = message.message_link ||
      messageLink(settings.workspace_url, channel, ts);
    const opened = await openUntypedTicket(
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
        alsoTell: ({ ticket, cardLink }) => {
          // Now that the ticket is saved (not before: see intake_failure.ts),
          // alongside: whether a twin that failed said none was made.
          told = toldNone(client, channel, ts);
          return [{
            channel,
            thread_ts: threadTs ?? ts,
            text: intakeReply(
              ticket,
              cardLink,
              ticket.reporter ?? ticket.requester,
            ),
          }];
        },
      },
    );
    if (options.filesToken && answer.files?.length) {
      // The ticket stands whatever happens to its files.
      await untypedFilesOrTell(client, options.filesToken, opened.ticket, {
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
    // A twin delivery that failed may have said none was made.
    await correctToldNone(
      client,
      message,
      opened.ticket,
      opened.cardLink,
      told,
    );
    await options.markRecorded;
    return { kind: "opened", opened };
  } catch (error) {
    // Taken back so that reacting again tries again (and finishes a ticket
    // that was saved but not shown), after its record says it was taken.
    await options.markRecorded;
    options.markMayStay = !await takeBack(client, message);
    if (error instanceof SlackCallError && UNREADABLE.has(error.code)) {
      return refuse(client, message, cannotReadMessage(channel, false));
    }
    throw error;
  }
}
