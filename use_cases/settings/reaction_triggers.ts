// The triggers that follow the queues: the intake emoji on every queue's
// intake channels, replies in those channels' threads (the requester's side
// of :ticket: tickets, see triggers/created_by_app/requester_message.ts), and :eyes: /
// :white_check_mark: on every triage channel's cards. All watch channels, so
// all are sharded by Slack's 20-channel limit (channel_triggers.ts);
// message_posted can't use all_resources at all. Why not all_resources,
// which reaction_added accepts: a card reaction trigger on every channel
// would start a workflow run for every :eyes: anywhere in the workspace (a
// common reaction; Slack warns all_resources can cost more), and each run
// would have to read Helpdesk's datastores to find it is not a card.
// Sharding costs one trigger per 20 channels and runs only where it should.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  MESSAGE_TO_TICKET_WORKFLOW,
  messageToTicketTrigger,
} from "../../triggers/created_by_app/message_to_ticket.ts";
import {
  CARD_REACTION_WORKFLOW,
  cardReactionTrigger,
} from "../../triggers/created_by_app/card_reaction.ts";
import {
  REQUESTER_MESSAGE_WORKFLOW,
  requesterMessageTrigger,
} from "../../triggers/created_by_app/requester_message.ts";
import { DEFAULT_INTAKE_EMOJI } from "../../helpdesk/tickets/reaction_marks.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  type ChannelTriggerKind,
  listOwnTriggers,
  type Shard,
  shardsOf,
  syncChannelTriggers,
} from "./channel_triggers.ts";

// `ownUserId` is Helpdesk's bot user: its own posts and reactions are
// filtered out at the trigger (triggers/created_by_app/own_events.ts).

export function intakeTriggerKind(
  emoji = DEFAULT_INTAKE_EMOJI,
  ownUserId?: string,
): ChannelTriggerKind {
  return {
    workflowCallbackId: MESSAGE_TO_TICKET_WORKFLOW,
    definition: (channels) =>
      messageToTicketTrigger(channels, emoji, ownUserId),
  };
}

export function requesterMessagesKind(ownUserId?: string): ChannelTriggerKind {
  return {
    workflowCallbackId: REQUESTER_MESSAGE_WORKFLOW,
    definition: (channels) => requesterMessageTrigger(channels, ownUserId),
  };
}

export function cardReactionsKind(ownUserId?: string): ChannelTriggerKind {
  return {
    workflowCallbackId: CARD_REACTION_WORKFLOW,
    definition: (channels) => cardReactionTrigger(channels, ownUserId),
  };
}

export const REQUESTER_MESSAGES_KIND = requesterMessagesKind();
export const CARD_REACTIONS_KIND = cardReactionsKind();

/** What the reaction triggers should watch. */
export interface ReactionTargets {
  intakeChannels: string[];
  triageChannels: string[];
  emoji?: string;
}

/**
 * `triageChannel` is the settings' (the default queue's, before it was
 * ever edited as a queue).
 */
export function reactionTargets(
  queues: readonly Queue[],
  triageChannel: string,
  emoji?: string,
): ReactionTargets {
  return {
    intakeChannels: [...new Set(queues.flatMap((q) => q.intake_channels))],
    triageChannels: [
      ...new Set([triageChannel, ...queues.map((q) => q.triage_channel)]),
    ],
    emoji,
  };
}

export interface ReactionTriggerSync {
  intake: Shard[];
  replies: Shard[];
  cards: Shard[];
  /** 1 unless another save changed the queues meanwhile. */
  rounds: number;
  /** False: the triggers still differed from the queues after the last round. */
  settled: boolean;
}

/** Rounds before giving up on saves that keep racing this one. */
const MAX_ROUNDS = 4;
/**
 * Two saves racing each other would otherwise redo the same plan in step
 * (both creating the same missing trigger); a random pause lets one of
 * them finish first, and the other then finds nothing to do.
 */
const REPEAT_PAUSE_MS = 200;

/**
 * Brings both triggers in line with `current()`, which reads what they
 * should watch. Datastores have no transactions, so two saves at the same
 * moment could each sync from a snapshot missing the other's channels:
 * after syncing, this reads the queues and lists the triggers again, and
 * syncs once more if they disagree (a channel left out, or watched twice).
 */
export async function syncReactionTriggers(
  client: SlackAPIClient,
  current: () => Promise<ReactionTargets>,
): Promise<ReactionTriggerSync> {
  let [targets, listed, own] = await Promise.all([
    current(),
    listOwnTriggers(client),
    slackCall(client, "auth.test", {}),
  ]);
  const ownUserId = typeof own.user_id === "string" ? own.user_id : undefined;
  for (let round = 1;; round++) {
    if (round > 1) {
      await new Promise((r) => setTimeout(r, Math.random() * REPEAT_PAUSE_MS));
      [targets, listed] = await Promise.all([
        current(),
        listOwnTriggers(client),
      ]);
    }
    const intakeKind = intakeTriggerKind(targets.emoji, ownUserId);
    const [intake, replies, cards] = await Promise.allSettled([
      syncChannelTriggers(
        client,
        intakeKind,
        targets.intakeChannels,
        shardsOf(listed, intakeKind),
      ),
      syncChannelTriggers(
        client,
        requesterMessagesKind(ownUserId),
        targets.intakeChannels,
        shardsOf(listed, REQUESTER_MESSAGES_KIND),
      ),
      syncChannelTriggers(
        client,
        cardReactionsKind(ownUserId),
        targets.triageChannels,
        shardsOf(listed, CARD_REACTIONS_KIND),
      ),
    ]);
    if (intake.status === "rejected") throw intake.reason;
    if (replies.status === "rejected") throw replies.reason;
    if (cards.status === "rejected") throw cards.reason;
    const syncedEmoji = targets.emoji;
    [targets, listed] = await Promise.all([current(), listOwnTriggers(client)]);
    const settled =
      watchesExactly(shardsOf(listed, intakeKind), targets.intakeChannels) &&
      watchesExactly(
        shardsOf(listed, REQUESTER_MESSAGES_KIND),
        targets.intakeChannels,
      ) &&
      watchesExactly(
        shardsOf(listed, CARD_REACTIONS_KIND),
        targets.triageChannels,
      ) &&
      targets.emoji === syncedEmoji;
    if (settled || round === MAX_ROUNDS) {
      if (!settled) {
        console.warn(
          `Reaction triggers still differ from the queues after ${round} rounds; the next save of a queue or of Helpdesk's settings syncs them again.`,
        );
      }
      return {
        intake: shardsOf(listed, intakeTriggerKind(targets.emoji)),
        replies: shardsOf(listed, REQUESTER_MESSAGES_KIND),
        cards: shardsOf(listed, CARD_REACTIONS_KIND),
        rounds: round,
        settled,
      };
    }
  }
}

/** Every wanted channel in exactly one shard, and nothing else. */
function watchesExactly(shards: Shard[], wanted: string[]): boolean {
  const watched = shards.flatMap((s) => s.channels);
  const want = new Set(wanted);
  return watched.length === want.size && watched.every((c) => want.has(c)) &&
    new Set(watched).size === watched.length;
}
