// "Move…" on a card: an agent of the ticket's queue hands it to another.
// Under the ticket's lock (change_under_lock.ts): the new queue's roles decide
// whether its assignee keeps it, a card goes to the new queue's triage
// channel (a private request's details to its agents by DM), the ticket is
// saved pointing at that card, and then the change is shown: the new card's
// thread says where it came from, the old card's thread where it went, the
// old card is redrawn without its buttons, and the requester is told. The
// cards themselves, and what a retry does with them, are in moved_cards.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  checkMovable,
  moveTicket,
  queueIdOf,
} from "../../helpdesk/tickets/ticket_move.ts";
import {
  getQueue,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { lookupByCard, putLookup } from "../../slack/storage/ticket_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { moveModal } from "../../slack/blocks/move_modal.ts";
import {
  movedAwaySummary,
  movedHereSummary,
} from "../../slack/blocks/ticket_change_messages.ts";
import { movedDm } from "../../slack/blocks/requester_dm.ts";
import {
  activityReply,
  cardLinkOf,
} from "../../slack/blocks/ticket_messages.ts";
import { type ChangeOutcome, changeUnderLock } from "./change_under_lock.ts";
import { isQueueAgent, rolesInQueue } from "./queue_agents.ts";
import type { TicketChange } from "./publish_change.ts";
import {
  loadQueuedTicket,
  type QueuedTicket,
} from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import {
  type Card,
  cardInNewQueue,
  redrawOldCards,
  takeBackIfUnsaved,
} from "./moved_cards.ts";
import { sendPrivateDetails } from "../opening/private_details.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import type { Opened } from "./edit_ticket.ts";

export async function openMoveForm(
  client: SlackAPIClient,
  ticketId: string,
  actorId: string,
  interactivityPointer: string,
  callbackId: string,
): Promise<Opened> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, queue } = loaded;
  const [isAgent] = await rolesInQueue(client, loaded, [actorId]).of(ticket);
  const movable = checkMovable(ticket, { userId: actorId, isAgent });
  if (!movable.ok) return { ...movable, ticket };
  const { queues } = await settingsAndQueues(client);
  const others = queues.filter((q) => q.id !== queueIdOf(ticket));
  if (others.length === 0) {
    return {
      ok: false,
      reason:
        `There is no other queue to move ${ticket.key} to. Helpdesk's admins add queues with the "Configure a queue" shortcut.`,
      ticket,
    };
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: interactivityPointer,
    view: moveModal(ticket, queue, others, callbackId),
  });
  return { ok: true };
}

export type Moved =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; error: string };

type Loaded = Extract<QueuedTicket, { ok: true }>;

/** One attempt to move: what it learned under the lock, for after it. */
interface Attempt {
  client: SlackAPIClient;
  loaded: Loaded;
  target: Queue;
  actorId: string;
  now: number;
  roles: ReturnType<typeof rolesInQueue>;
  /** The queue the ticket is in as it is moved (it may have moved since). */
  from: Queue;
  /** The card posted in the new queue's channel, if any. */
  posted?: Card;
}

/**
 * The Move form as submitted: the ticket in the chosen queue (under its
 * lock), its cards redrawn, or why not in plain words for under the field.
 */
export async function saveMove(
  client: SlackAPIClient,
  chosen: { ticketId?: string; targetId?: string },
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<Moved> {
  const refuse = async (reason: string) => ({
    ok: false as const,
    error: await formError(client, reason, { people: { [actorId]: "you" } }),
  });
  const { ticketId, targetId } = chosen;
  if (!targetId) return { ok: false, error: "Choose a queue." };
  if (!ticketId) return refuse("This form lost its ticket: close it.");
  const found = await ticketAndTarget(client, ticketId, targetId);
  if (!found.ok) return refuse(found.reason);
  const { loaded, target } = found;
  // Sent again after it was saved (its answer lost): done, not refused.
  const stored = loaded.ticket;
  if (stored.queue_id === target.id && stored.updated_by === actorId) {
    return { ok: true, ticket: stored, notShown: [] };
  }
  const attempt: Attempt = {
    client,
    loaded,
    target,
    actorId,
    now,
    roles: rolesInQueue(client, loaded, [actorId]),
    from: loaded.queue,
  };
  try {
    const result = await changeUnderLock(
      client,
      loaded.settings,
      stored,
      (latest) => decideMove(attempt, latest),
      { now, actorId },
    );
    if (!result.ok) return refuse(result.reason);
    const notShown = [
      ...result.notShown,
      ...await redrawOldCards(
        client,
        loaded.settings,
        result.ticket,
        target,
        attempt.posted,
      ),
    ];
    return { ok: true, ticket: result.ticket, notShown };
  } catch (error) {
    if (attempt.posted) {
      await takeBackIfUnsaved(client, ticketId, attempt.posted);
    }
    throw error;
  }
}

async function ticketAndTarget(
  client: SlackAPIClient,
  ticketId: string,
  targetId: string,
): Promise<
  { ok: true; loaded: Loaded; target: Queue } | { ok: false; reason: string }
> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const target = await getQueue(client, targetId, loaded.settings);
  if (!target) {
    return {
      ok: false,
      reason: "That queue no longer exists: close this form and try again.",
    };
  }
  return { ok: true, loaded, target };
}

/**
 * Under the lock, on the ticket as stored now: whether it may move, whether
 * its assignee stays, and its card in the new queue's channel (or, in the
 * same channel, a private request's details to the new queue's agents).
 */
async function decideMove(
  attempt: Attempt,
  latest: Ticket,
): Promise<ChangeOutcome> {
  const { client, target, actorId, now } = attempt;
  const { settings } = attempt.loaded;
  const [isAgent] = await attempt.roles.of(latest);
  const targetDirectory = new QueueDirectory(client, target, latest.requester);
  const assigneeStays = latest.assignee
    ? await isQueueAgent(targetDirectory, latest.assignee)
    : false;
  const outcome = moveTicket(
    latest,
    target,
    { userId: actorId, isAgent },
    assigneeStays,
    now,
  );
  if (!outcome.ok) return outcome;
  if (queueIdOf(latest) !== attempt.from.id) {
    attempt.from = await getQueue(client, latest.queue_id, settings) ??
      attempt.from;
  }
  const moved = outcome.ticket;
  const oldCard = latest.card_channel && latest.card_ts
    ? { channel: latest.card_channel, ts: latest.card_ts }
    : undefined;
  const newChannel = oldCard?.channel !== target.triage_channel;
  if (newChannel) {
    attempt.posted = await cardInNewQueue(client, settings, target, moved, now);
    if (oldCard) {
      moved.previous_cards = [
        ...latest.previous_cards ?? [],
        `${oldCard.channel}:${oldCard.ts}`,
      ];
    }
    await putLookup(
      client,
      lookupByCard(attempt.posted.channel, attempt.posted.ts),
      moved.id,
    );
  } else if (moved.private) {
    // Same channel, new people: the new queue's agents get the details.
    const agents = await targetDirectory.agents();
    const link = cardLinkOf(moved, settings.workspace_url) ??
      settings.workspace_url;
    await sendPrivateDetails(client, moved, agents, link);
  }
  return {
    ok: true,
    change: moveChange(attempt, latest, { ...outcome, ticket: moved }, {
      oldCard: newChannel ? oldCard : undefined,
      sameChannel: !newChannel,
    }),
  };
}

/** What the move says: in the new card's thread, the old one's, to the requester. */
function moveChange(
  attempt: Attempt,
  latest: Ticket,
  outcome: Extract<ReturnType<typeof moveTicket>, { ok: true }>,
  cards: { oldCard?: { channel: string; ts: string }; sameChannel: boolean },
): TicketChange {
  const { target, actorId, now } = attempt;
  const { settings } = attempt.loaded;
  const moved = outcome.ticket;
  const newLink = cardLinkOf(moved, settings.workspace_url);
  const { oldCard } = cards;
  return {
    ticket: moved,
    actorId,
    summary: movedHereSummary(
      latest,
      attempt.from.name,
      target.name,
      actorId,
      outcome.released,
      cards.sameChannel,
    ),
    statusChange: outcome.statusChange,
    toRequester: movedDm(
      moved,
      target.name,
      actorId,
      newLink ?? settings.workspace_url,
    ),
    alsoSend: oldCard
      ? [{
        channel: oldCard.channel,
        thread_ts: oldCard.ts,
        text: activityReply(
          movedAwaySummary(latest, target.name, actorId, newLink),
          now,
        ),
      }]
      : [],
  };
}
