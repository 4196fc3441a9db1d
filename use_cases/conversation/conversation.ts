// Talking through a ticket (see helpdesk/tickets/conversation.ts): an agent's
// reply to the requester, an agent's internal note, and what the requester
// adds. Each is a change to the ticket, made under its lock: a reply is a
// first response for the service levels, the requester's answer takes a
// ticket that waited on them back to the agents, and each queues its JSM
// comment. What is said goes out only once the ticket is saved.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  checkMessage,
  type ConversationAction,
} from "../../helpdesk/tickets/conversation.ts";
import { changeUnderLock } from "../changes/change_under_lock.ts";
import { keepUnderLock } from "../changes/kept_messages.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { deliver } from "../../slack/workspace/outbox.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import { userMention } from "../../slack/blocks/mrkdwn.ts";
import {
  commentEcho,
  fromRequesterPrivately,
  internalNote,
  replyForRequester,
} from "../../slack/blocks/conversation_messages.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import { offeredReplies } from "./saved_reply_offer.ts";
import {
  tellWhatWasLost,
  threadHiddenFromRequester,
  toRequesterSide,
} from "./requester_delivery.ts";
import { decide } from "./conversation_outcome.ts";
import {
  checkSpeaker,
  followMerge,
  type Speaker,
} from "./conversation_speaker.ts";
import { wayChangedReason } from "../../slack/blocks/merge_messages.ts";
import type { WriterPlace } from "./requester_delivery.ts";
export type { WriterPlace } from "./requester_delivery.ts";

export type ConversationResult =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; reason: string; ticket?: Ticket };

/**
 * Whether the requester's words no longer go where they were headed: the
 * ticket was merged since it was read, or the merge they followed was
 * undone. Then the way is looked up again (see said).
 */
function wayChanged(
  speaker: Extract<Speaker, { ok: true }>,
  latest: Ticket,
): boolean {
  if (latest.merged_into) return true;
  const from = speaker.followedFrom;
  return from !== undefined && !(latest.merged_from ?? []).includes(from.key);
}

/** Twice is enough: a merge and an unmerge both landing meanwhile. */
const WAY_LOOKUPS = 3;

export async function converse(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
  action: ConversationAction,
  written: unknown,
  now = Math.floor(Date.now() / 1000),
  savedReplyId?: string,
  /** How many files a reply sends after its words (send_ticket_files). */
  fileCount = 0,
): Promise<ConversationResult> {
  const message = checkMessage(written);
  if (!message.ok) return message;
  const speaker = await checkSpeaker(client, ticketId, person, action);
  if (!speaker.ok) return speaker;
  // Counted only when it is one of the queue's: the pick comes from the
  // person's client.
  const savedReply = action === "reply" && savedReplyId &&
      (await offeredReplies(client, speaker.queue.id)).some((r) =>
        r.id === savedReplyId
      )
    ? savedReplyId
    : undefined;
  return await said(client, speaker, person, action, message.text, now, {
    echo: true,
    savedReply,
    fileCount: action === "reply" ? fileCount : 0,
  });
}

/**
 * The requester's own words from their side, already checked to be theirs
 * (a message in the thread of the message their ticket was made from).
 */
export async function relayFromRequester(
  client: SlackAPIClient,
  speaker: Extract<Speaker, { ok: true }>,
  author: string,
  text: string,
  now: number,
  writerAt?: WriterPlace,
): Promise<ConversationResult> {
  return await said(client, speaker, author, "comment", text, now, {
    echo: false,
    writerAt,
  });
}

async function said(
  client: SlackAPIClient,
  speaker: Extract<Speaker, { ok: true }>,
  person: string,
  action: ConversationAction,
  text: string,
  now: number,
  options: {
    echo: boolean;
    writerAt?: WriterPlace;
    savedReply?: string;
    fileCount?: number;
  } = {
    echo: true,
  },
  lookups = 1,
): Promise<ConversationResult> {
  const { settings, queue } = speaker;
  const directory = new QueueDirectory(client, queue, speaker.ticket.requester);
  // A note goes into the card's thread only where its requester can't read
  // it; everywhere else, to the queue's agents by DM.
  const noteInThread = action === "note" &&
    await threadHiddenFromRequester(client, directory, speaker.ticket);
  // Who gets the words by DM is asked before anything is saved: when Slack
  // won't say, nothing is saved or announced, and the writer, told, still
  // has the words to send again (see byDm below).
  const agentsByDm = action !== "reply" &&
      (action === "note"
        ? !noteInThread
        : speaker.ticket.private || !speaker.ticket.card_ts)
    ? await directory.agents()
    : undefined;
  const changed = await changeUnderLock(
    client,
    settings,
    speaker.ticket,
    (latest) =>
      // What the requester adds goes where their ticket is now: merged or
      // unmerged since it was read, their words are not saved here.
      action === "comment" && wayChanged(speaker, latest)
        ? { ok: false, reason: wayChangedReason(latest) }
        : decide(
          latest,
          action,
          person,
          text,
          now,
          noteInThread,
          options.savedReply,
          options.fileCount,
        ),
    { now, actorId: person },
  );
  if (
    !changed.ok && changed.ticket && action === "comment" &&
    wayChanged(speaker, changed.ticket) && lookups < WAY_LOOKUPS
  ) {
    const origin = speaker.followedFrom ?? speaker.ticket;
    const again = await followMerge(
      client,
      await loadQueuedTicket(client, origin.id),
    );
    if (!again.ok) return again;
    return await said(
      client,
      again,
      person,
      action,
      text,
      now,
      options,
      lookups + 1,
    );
  }
  if (!changed.ok) return changed;
  const ticket = changed.ticket;
  const notShown = [...changed.notShown];
  const lost: { to: string; error: unknown }[] = [];
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  if (action === "reply") {
    const sent = await toRequesterSide(
      client,
      ticket,
      replyForRequester(ticket, person, text),
      { actionTriggerUrl: settings.action_trigger_url },
    );
    notShown.push(...sent.failures);
    if (sent.lost.length) {
      lost.push({ to: "the requester", error: sent.lost[0].error });
    }
  }
  if (action === "reply" && ticket.followers?.length) {
    // The requesters of tickets merged into this one hear it too, by DM
    // (helpdesk/tickets/ticket_merge.ts): one answer for everyone.
    const parts = numberedParts(replyForRequester(ticket, person, text));
    const sent = await deliver(
      client,
      ticket,
      ticket.followers.flatMap((follower) =>
        parts.map((part) => ({ channel: follower, text: part }))
      ),
      keepUnderLock,
    );
    notShown.push(...sent.failures);
    const missed = [...new Set(sent.lost.map((l) => l.message.channel))];
    if (missed.length) {
      lost.push({
        to: missed.map(userMention).join(", "),
        error: sent.lost[0].error,
      });
    }
  }
  // Their own copy goes to the ticket's requester's DM: not a follower's.
  if (action === "comment" && options.echo && person === ticket.requester) {
    // Only their own copy: the agents have the words, so nothing is lost.
    const sent = await toRequesterSide(
      client,
      ticket,
      commentEcho(ticket, text),
      { dmOnly: true, actionTriggerUrl: settings.action_trigger_url },
    );
    notShown.push(...sent.failures);
  }
  // The card's thread is in a shared channel: a private ticket's words, and
  // a note its requester could read there, go to its agents by DM instead,
  // never to the requester, whatever roles they also hold. So do the words
  // on a ticket whose card is not recorded yet (its opening failed part-way,
  // use_cases/opening/finish_opening.ts): there is no thread to put them in.
  const byDm = action === "note"
    ? !noteInThread
    : ticket.private || !ticket.card_ts;
  if (byDm && action !== "reply") {
    const agents = (agentsByDm ?? await directory.agents())
      .filter((a) => a !== ticket.requester);
    const privately = action === "note"
      ? internalNote(person, text)
      : fromRequesterPrivately(ticket, person, text, cardLink);
    const parts = numberedParts(privately);
    const sent = await deliver(
      client,
      ticket,
      agents.filter((a) => a !== person).flatMap((agent) =>
        parts.map((part) => ({ channel: agent, text: part }))
      ),
      keepUnderLock,
    );
    notShown.push(...sent.failures);
    const missed = [...new Set(sent.lost.map((l) => l.message.channel))];
    if (missed.length) {
      lost.push({
        to: missed.map(userMention).join(", "),
        error: sent.lost[0].error,
      });
    }
  }
  for (const { to, error } of lost) {
    notShown.push(error);
    await tellWhatWasLost(client, ticket, person, action, to, error, options)
      .catch((e) => notShown.push(e));
  }
  return { ok: true, ticket, notShown };
}
