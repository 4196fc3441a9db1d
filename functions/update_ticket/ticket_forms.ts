// The modals a card's button opens before anything changes: Assign to…
// (whom), Deny… (why), Edit… and Move… Each is checked first, so nobody
// fills in a form in vain, and each run finishes when its modal is sent or
// closed (the handlers registered in handler.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  ASSIGN_VIEW_CALLBACK_ID,
  DENY_VIEW_CALLBACK_ID,
  EDIT_VIEW_CALLBACK_ID,
  MOVE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { checkApprover } from "../../use_cases/changes/approval_decision.ts";
import { alreadyDecided } from "../../slack/blocks/request_messages.ts";
import { denyModal } from "../../slack/blocks/deny_modal.ts";
import { isQueueAgent } from "../../use_cases/changes/change_ticket.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { tellPerson, whereToTell } from "../../slack/workspace/tell_person.ts";
import { checkPermission } from "../../helpdesk/tickets/roles.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { assignModal } from "../../slack/blocks/assign_modal.ts";
import { openEditForm } from "../../use_cases/changes/edit_ticket.ts";
import { openMoveForm } from "../../use_cases/changes/move_ticket.ts";

type Client = SlackAPIClient;

const FORMS = {
  edit: { open: openEditForm, callbackId: EDIT_VIEW_CALLBACK_ID },
  move: { open: openMoveForm, callbackId: MOVE_VIEW_CALLBACK_ID },
};

/** Edit… or Move…: the form, or why not, told where the person is. */
export async function openTicketForm(
  client: Client,
  action: keyof typeof FORMS,
  ticketId: string,
  actor: string,
  interactivityPointer: string,
) {
  const form = FORMS[action];
  const opened = await form.open(
    client,
    ticketId,
    actor,
    interactivityPointer,
    form.callbackId,
  );
  if (opened.ok) return { completed: false as const };
  await tellPerson(client, whereToTell(actor, opened.ticket), opened.reason);
  return { outputs: opened.ticket ? { status: opened.ticket.status } : {} };
}

export async function openAssignModal(
  client: Client,
  ticketId: string,
  actor: string,
  interactivityPointer: string,
) {
  const loaded = await loadQueuedTicket(client, ticketId);
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
    return { outputs: { status: ticket.status } };
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: interactivityPointer,
    view: assignModal(ticket, ASSIGN_VIEW_CALLBACK_ID),
  });
  // Finished by the modal's submission or closing handler.
  return { completed: false as const };
}

export async function openDenyModal(
  client: Client,
  ticketId: string,
  actor: string,
  interactivityPointer: string,
) {
  // Checked before the modal opens, so nobody writes a reason in vain.
  const checked = await checkApprover(client, ticketId, actor);
  if (!checked.ok) {
    await tellPerson(client, { user: actor }, checked.reason);
    return { outputs: {} };
  }
  if (checked.ticket.approval !== "pending") {
    await tellPerson(client, { user: actor }, alreadyDecided(checked.ticket));
    return { outputs: { status: checked.ticket.status } };
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: interactivityPointer,
    view: denyModal(checked.ticket, DENY_VIEW_CALLBACK_ID),
  });
  return { completed: false as const };
}
