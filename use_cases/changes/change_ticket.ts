// One change to one ticket, from whichever surface asked for it (a card
// button, the assign modal, a reaction on the card): load, lock, read again,
// check, apply, publish, unlock. The rules themselves are in
// helpdesk/tickets/ticket_actions.ts; the lock is taken through
// change_under_lock.ts, and who works the queue is asked of queue_agents.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { TicketActionType } from "../../helpdesk/tickets/roles.ts";
import type { Actor } from "../../helpdesk/tickets/roles.ts";
import type { ReopenRules } from "../../helpdesk/tickets/requester_actions.ts";
import {
  type ActionOutcome,
  applyAction,
  applyWorkAction,
  type TicketAction,
} from "../../helpdesk/tickets/ticket_actions.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import {
  type Release,
  releaseOnRequesterClose,
  reopenReleased,
} from "./merged_release.ts";
import { reopenDaysOf } from "../../helpdesk/tickets/service_level_settings.ts";
import {
  reportNotShown,
  tellPerson,
  whereToTell,
} from "../../slack/workspace/tell_person.ts";
import {
  type ButtonPress,
  type PressResult,
  statusOf,
} from "./button_press.ts";
import { type ChangeResult, changeUnderLock } from "./change_under_lock.ts";
import { rolesInQueue } from "./queue_agents.ts";

/** The actions a button applies at once, without a form first. */
export type PlainChange = Exclude<TicketActionType, "assign" | "edit" | "move">;

/** Editing and moving open a form first: see edit_ticket.ts, move_ticket.ts. */
export type ChangeRequest =
  | { type: PlainChange }
  | { type: "assign"; assignee: string };

/**
 * A card button that changes the ticket at once (Claim, Resolve, Close…):
 * the change, or why not told where the person is.
 */
export async function pressButton(
  client: SlackAPIClient,
  press: ButtonPress,
  type: PlainChange,
): Promise<PressResult> {
  const result = await changeTicket(
    client,
    press.ticketId,
    { type },
    press.actor,
  );
  return await answerPress(client, press, result);
}

/**
 * What a button's change comes to for whoever pressed it: why it was
 * refused, or what was not shown, told where they are; the ticket's status.
 */
export async function answerPress(
  client: SlackAPIClient,
  press: ButtonPress,
  result: ChangeResult,
): Promise<PressResult> {
  if (!result.ok) {
    await tellPerson(
      client,
      whereToTell(press.actor, result.ticket),
      result.reason,
    );
    return statusOf(result.ticket);
  }
  await reportNotShown(client, press.actor, result);
  return statusOf(result.ticket);
}

/**
 * One change to one ticket, by a card button, the assign modal, My tickets
 * or a reaction. Closing or withdrawing it by its requester's hand reopens
 * the tickets others merged into it (merged_release.ts).
 */
export async function changeTicket(
  client: SlackAPIClient,
  ticketId: string,
  request: ChangeRequest,
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<ChangeResult> {
  return await changeWith(client, ticketId, request, actorId, now, {
    apply: applyAction,
    releasing: RELEASING,
  });
}

/** Claim, start, wait and resolve: work on a ticket that never closes it. */
export type KeepOpenChange = Exclude<
  PlainChange,
  "close" | "withdraw" | "reopen"
>;

/**
 * A change that works a ticket without closing it (a reaction's claim or
 * resolve), the same as changeTicket makes it. Nothing merged into the
 * ticket is released, and neither the requester's withdraw nor reopen
 * applies, so what those need (merged_release.ts, requester_actions.ts:
 * about 7 KB) stays out of a bundle that makes only these.
 */
export async function changeWithoutClosing(
  client: SlackAPIClient,
  ticketId: string,
  request: { type: KeepOpenChange },
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<ChangeResult> {
  return await changeWith(client, ticketId, request, actorId, now, {
    apply: applyWorkAction,
  });
}

/** Merged tickets released when their kept ticket's requester ends it. */
const RELEASING = { onDecided: releaseOnRequesterClose, reopenReleased };

/** How a change is decided, and whether it may release merged tickets. */
interface ChangeWay<A extends TicketAction> {
  apply: (
    ticket: Ticket,
    action: A,
    actor: Actor,
    now: number,
    rules: ReopenRules,
  ) => ActionOutcome;
  releasing?: typeof RELEASING;
}

async function changeWith<A extends TicketAction>(
  client: SlackAPIClient,
  ticketId: string,
  request: ChangeRequest,
  actorId: string,
  now: number,
  { apply, releasing }: ChangeWay<A>,
): Promise<ChangeResult> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, settings } = loaded;
  const people = request.type === "assign"
    ? [actorId, request.assignee]
    : [actorId];
  // Roles don't depend on the ticket's state: asked while the lock is taken.
  const roles = rolesInQueue(client, loaded, people);
  let release: Release | undefined;
  const result = await changeUnderLock(
    client,
    settings,
    ticket,
    async (latest) => {
      const [actorIsAgent, assigneeIsAgent = false] = await roles.of(latest);
      // The request is the action but for whether an assignee is an agent.
      const action =
        (request.type === "assign"
          ? { type: "assign", assignee: request.assignee, assigneeIsAgent }
          : request) as A;
      const outcome = apply(
        latest,
        action,
        { userId: actorId, isAgent: actorIsAgent },
        now,
        { reopenDays: reopenDaysOf(settings) },
      );
      if (!outcome.ok) return outcome;
      // Withdrawn with other people's tickets merged into it: theirs reopen.
      release = releasing
        ? await releasing.onDecided(client, latest, outcome.ticket, actorId)
        : { ticket: outcome.ticket, released: [] };
      return {
        ok: true,
        change: {
          ticket: release.ticket,
          actorId,
          summary: outcome.summary,
          statusChange: outcome.statusChange,
        },
      };
    },
    { now, actorId },
  );
  if (!result.ok || !releasing || !release?.released.length) return result;
  const notShown = await releasing.reopenReleased(
    client,
    settings,
    result.ticket,
    release.released,
    now,
  );
  return { ...result, notShown: [...result.notShown, ...notShown] };
}
