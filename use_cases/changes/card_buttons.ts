// The buttons on a card (or in a requester's DM) that do more than change
// the ticket at once: Assign to…, Deny…, Edit… and Move… open a modal,
// checked first so nobody fills in a form in vain; Approve decides at once;
// Details shows a private request to whoever may see it. Claim and the other
// plain changes are pressButton in change_ticket.ts. Each returns what the
// run returns: its outputs, or kept open until the modal's handlers finish it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { checkPermission } from "../../helpdesk/tickets/roles.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { assignModal } from "../../slack/blocks/assign_modal.ts";
import { denyModal } from "../../slack/blocks/deny_modal.ts";
import { alreadyDecided } from "../../slack/blocks/request_messages.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import {
  reportNotShown,
  tellPerson,
  whereToTell,
} from "../../slack/workspace/tell_person.ts";
import { showPrivateDetails } from "../opening/private_details.ts";
import { checkApprover, decide } from "./approval_decision.ts";
import { isQueueAgent } from "./queue_agents.ts";
import type { Opened } from "./edit_ticket.ts";
import {
  type ButtonPress,
  KEPT_OPEN,
  type PressResult,
  statusOf,
} from "./button_press.ts";

type FormOpener = (
  client: SlackAPIClient,
  ticketId: string,
  actorId: string,
  interactivityPointer: string,
  callbackId: string,
) => Promise<Opened>;

/** Edit… or Move…: the form, or why not, told where the person is. */
export async function openTicketForm(
  client: SlackAPIClient,
  press: ButtonPress,
  open: FormOpener,
  callbackId: string,
): Promise<PressResult> {
  const { ticketId, actor, pointer } = press;
  const opened = await open(client, ticketId, actor, pointer, callbackId);
  if (opened.ok) return KEPT_OPEN;
  await tellPerson(client, whereToTell(actor, opened.ticket), opened.reason);
  return statusOf(opened.ticket);
}

/** Assign to…: only for those who may assign; the modal asks to whom. */
export async function openAssignForm(
  client: SlackAPIClient,
  press: ButtonPress,
  callbackId: string,
): Promise<PressResult> {
  const { actor } = press;
  const loaded = await loadQueuedTicket(client, press.ticketId);
  if (!loaded.ok) {
    await tellPerson(client, { user: actor }, loaded.reason);
    return { outputs: {} };
  }
  const { ticket, queue } = loaded;
  const isAgent = await isQueueAgent(
    new QueueDirectory(client, queue, ticket.requester),
    actor,
  );
  const permission = checkPermission(
    { userId: actor, isAgent },
    "assign",
    ticket,
  );
  if (!permission.ok) {
    await tellPerson(client, whereToTell(actor, ticket), permission.reason);
    return statusOf(ticket);
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: press.pointer,
    view: assignModal(ticket, callbackId),
  });
  return KEPT_OPEN;
}

/** Deny…: checked before the modal opens, so nobody writes a reason in vain. */
export async function openDenyForm(
  client: SlackAPIClient,
  press: ButtonPress,
  callbackId: string,
): Promise<PressResult> {
  const { actor } = press;
  const checked = await checkApprover(client, press.ticketId, actor);
  if (!checked.ok) {
    await tellPerson(client, { user: actor }, checked.reason);
    return { outputs: {} };
  }
  if (checked.ticket.approval !== "pending") {
    await tellPerson(client, { user: actor }, alreadyDecided(checked.ticket));
    return statusOf(checked.ticket);
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: press.pointer,
    view: denyModal(checked.ticket, callbackId),
  });
  return KEPT_OPEN;
}

/** Approve: decided at once, or the approver hears why not. */
export async function approveRequest(
  client: SlackAPIClient,
  press: ButtonPress,
): Promise<PressResult> {
  const result = await decide(client, press.ticketId, "approve", press.actor);
  if (!result.ok) {
    await tellPerson(client, { user: press.actor }, result.reason);
    return statusOf(result.ticket);
  }
  await reportNotShown(client, press.actor, result);
  return statusOf(result.ticket);
}

/** Details: a private request's details, to whoever may see them. */
export async function showDetails(
  client: SlackAPIClient,
  press: ButtonPress,
): Promise<PressResult> {
  const shown = await showPrivateDetails(client, press.ticketId, press.actor);
  if (!shown.ok) {
    await tellPerson(
      client,
      whereToTell(press.actor, shown.ticket),
      shown.reason,
    );
  }
  return { outputs: {} };
}
