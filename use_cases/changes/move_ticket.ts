// "Move…" on a card: an agent of the ticket's queue hands it to another.
// Under the ticket's lock (change_ticket.ts): the new queue's roles decide
// whether its assignee keeps it, a card goes to the new queue's triage
// channel (a private request's details to its agents by DM), the ticket is
// saved pointing at that card, and then the change is shown: the new card's
// thread says where it came from, the old card's thread where it went, the
// old card is redrawn without its buttons, and the requester is told.
//
// A retry never posts a second card: a card an interrupted attempt posted is
// found by its metadata in the new channel and adopted; one posted by an
// attempt that then failed to save is taken back.
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
import {
  getTicket,
  lookupByCard,
  putLookup,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  moveModal,
  TARGET_BLOCK,
  targetQueueFrom,
} from "../../slack/blocks/move_modal.ts";
import { ticketIdFromMetadata } from "../../slack/blocks/modal_metadata.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { reportNotShown } from "../../slack/workspace/tell_person.ts";
import { finishRun } from "../../slack/workspace/finish_run.ts";
import {
  movedAwaySummary,
  movedHereSummary,
} from "../../slack/blocks/ticket_change_messages.ts";
import { movedDm } from "../../slack/blocks/requester_dm.ts";
import {
  activityReply,
  cardLinkOf,
} from "../../slack/blocks/ticket_messages.ts";
import {
  changeUnderLock,
  isQueueAgent,
  rolesInQueue,
} from "./change_ticket.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { toTriage } from "../opening/finish_opening.ts";
import {
  findPostedCard,
  redrawPreviousCards,
} from "../../slack/workspace/triage_card.ts";
import { sendPrivateDetails } from "../opening/private_details.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import type { Opened } from "./edit_ticket.ts";

/** How far back a retry looks for the card an interrupted move posted. */
const RETRY_WINDOW_SECONDS = 15 * 60;

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

export async function saveMove(
  client: SlackAPIClient,
  view: { private_metadata?: string; state?: { values?: unknown } },
  ticketId: string | undefined,
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<Moved> {
  const words = { people: { [actorId]: "you" } };
  const refuse = async (reason: string) => ({
    ok: false as const,
    error: await formError(client, reason, words),
  });
  const targetId = targetQueueFrom(
    (view.state?.values ?? {}) as Parameters<typeof targetQueueFrom>[0],
  );
  if (!targetId) return { ok: false, error: "Choose a queue." };
  if (!ticketId) return refuse("This form lost its ticket: close it.");
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return refuse(loaded.reason);
  const { settings } = loaded;
  const target = await getQueue(client, targetId, settings);
  if (!target) {
    return refuse(
      "That queue no longer exists: close this form and try again.",
    );
  }
  // Sent again after it was saved (its answer lost): done, not refused.
  const moved = loaded.ticket;
  if (moved.queue_id === target.id && moved.updated_by === actorId) {
    return { ok: true, ticket: moved, notShown: [] };
  }
  const roles = rolesInQueue(client, loaded, [actorId]);
  let posted: { channel: string; ts: string } | undefined;
  let from = loaded.queue;
  try {
    const result = await changeUnderLock(
      client,
      settings,
      loaded.ticket,
      async (latest) => {
        const [isAgent] = await roles.of(latest);
        const targetDirectory = new QueueDirectory(
          client,
          target,
          latest.requester,
        );
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
        if (queueIdOf(latest) !== from.id) {
          from = await getQueue(client, latest.queue_id, settings) ?? from;
        }
        const moved = outcome.ticket;
        const oldCard = latest.card_channel && latest.card_ts
          ? { channel: latest.card_channel, ts: latest.card_ts }
          : undefined;
        const newChannel = oldCard?.channel !== target.triage_channel;
        if (newChannel) {
          posted = await cardInNewQueue(client, settings, target, moved, now);
          if (oldCard) {
            moved.previous_cards = [
              ...latest.previous_cards ?? [],
              `${oldCard.channel}:${oldCard.ts}`,
            ];
          }
          await putLookup(
            client,
            lookupByCard(posted.channel, posted.ts),
            moved.id,
          );
        } else if (moved.private) {
          // Same channel, new people: the new queue's agents get the details.
          const agents = await targetDirectory.agents();
          const link = cardLinkOf(moved, settings.workspace_url) ??
            settings.workspace_url;
          await sendPrivateDetails(client, moved, agents, link);
        }
        const newLink = cardLinkOf(moved, settings.workspace_url);
        return {
          ok: true,
          change: {
            ticket: moved,
            actorId,
            summary: movedHereSummary(
              latest,
              from.name,
              target.name,
              actorId,
              outcome.released,
              !newChannel,
            ),
            statusChange: outcome.statusChange,
            toRequester: movedDm(
              moved,
              target.name,
              actorId,
              newLink ?? settings.workspace_url,
            ),
            alsoSend: newChannel && oldCard
              ? [{
                channel: oldCard.channel,
                thread_ts: oldCard.ts,
                text: activityReply(
                  movedAwaySummary(latest, target.name, actorId, newLink),
                  now,
                ),
              }]
              : [],
          },
        };
      },
      { now, actorId },
    );
    if (!result.ok) return refuse(result.reason);
    const notShown = [...result.notShown];
    if (result.ticket.previous_cards && posted) {
      await redrawPreviousCards(client, settings, result.ticket, target.name)
        .catch(async (error) => {
          // The scheduled check redraws them (ticket_repair.ts).
          notShown.push(error);
          await updateTicketFields(client, result.ticket.id, {
            card_redraw_due: true,
          }).catch(() => {});
        });
    }
    return { ok: true, ticket: result.ticket, notShown };
  } catch (error) {
    if (posted) await takeBackIfUnsaved(client, ticketId, posted);
    throw error;
  }
}

/**
 * The card in the new queue's triage channel: one an interrupted attempt
 * already posted (found by its metadata), or a new one. Sets it on `moved`.
 */
async function cardInNewQueue(
  client: SlackAPIClient,
  settings: Parameters<typeof toTriage>[1],
  target: Queue,
  moved: Ticket,
  now: number,
): Promise<{ channel: string; ts: string }> {
  const earlier = await findPostedCard(
    client,
    moved,
    target.triage_channel,
    now - RETRY_WINDOW_SECONDS,
  );
  if (earlier) {
    moved.card_channel = earlier.channel;
    moved.card_ts = earlier.ts;
    return earlier;
  }
  await toTriage(client, settings, target, moved, now);
  return { channel: moved.card_channel!, ts: moved.card_ts! };
}

/** A card posted for a move that was then not saved is deleted. */
async function takeBackIfUnsaved(
  client: SlackAPIClient,
  ticketId: string,
  card: { channel: string; ts: string },
) {
  const stored = await getTicket(client, ticketId).catch(() => undefined);
  if (!stored || stored.card_ts === card.ts) return;
  await slackCall(client, "chat.delete", card).catch((error) =>
    console.warn("a moved card that was not saved stays", error)
  );
}

interface ViewSubmission {
  body: { user: { id: string }; function_data: { execution_id: string } };
  view: { private_metadata?: string; state?: { values?: unknown } };
  client: SlackAPIClient;
}

/** The Move modal's view_submission handler (update_ticket registers it). */
export async function moveSubmission({ body, view, client }: ViewSubmission) {
  const error = (message: string) => ({
    response_action: "errors" as const,
    errors: { [TARGET_BLOCK]: message },
  });
  let moved;
  try {
    moved = await saveMove(
      client,
      view,
      ticketIdFromMetadata(view.private_metadata),
      body.user.id,
    );
  } catch (failure) {
    console.error("moving failed", failure);
    return error(await formError(client, explainFailure(failure)));
  }
  if (!moved.ok) return error(moved.error);
  await reportNotShown(client, body.user.id, moved);
  await finishRun(client, body, { status: moved.ticket.status });
}
