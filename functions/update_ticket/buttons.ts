// Which use case each of a ticket's buttons calls. Assign to…, Deny…, Edit…,
// Move… and the conversation's buttons open a modal (its submission is in
// modals.ts); Approve decides and Details shows; every other ticket action
// (Claim, Resolve, Close…) changes the ticket at once (pressButton).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  ASSIGN_VIEW_CALLBACK_ID,
  CONVERSATION_VIEWS,
  DENY_VIEW_CALLBACK_ID,
  EDIT_VIEW_CALLBACK_ID,
  MOVE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  type PlainChange,
  pressButton,
} from "../../use_cases/changes/change_ticket.ts";
import type {
  ButtonPress,
  PressResult,
} from "../../use_cases/changes/button_press.ts";
import {
  approveRequest,
  openAssignForm,
  openDenyForm,
  openTicketForm,
  showDetails,
} from "../../use_cases/changes/card_buttons.ts";
import { openEditForm } from "../../use_cases/changes/edit_ticket.ts";
import { openMoveForm } from "../../use_cases/changes/move_ticket.ts";
import { openConversationForm } from "../../use_cases/conversation/conversation_form.ts";
import { TICKET_ACTIONS } from "../../helpdesk/tickets/roles.ts";

type Button = (
  client: SlackAPIClient,
  press: ButtonPress,
) => Promise<PressResult>;

/** The buttons that open a form, decide or show; the rest change at once. */
const BUTTONS = new Map<string, Button>([
  ["assign", (c, p) => openAssignForm(c, p, ASSIGN_VIEW_CALLBACK_ID)],
  ["deny", (c, p) => openDenyForm(c, p, DENY_VIEW_CALLBACK_ID)],
  ["edit", (c, p) => openTicketForm(c, p, openEditForm, EDIT_VIEW_CALLBACK_ID)],
  ["move", (c, p) => openTicketForm(c, p, openMoveForm, MOVE_VIEW_CALLBACK_ID)],
  ["approve", approveRequest],
  ["details", showDetails],
  ...(["reply", "note", "comment"] as const).map((a): [string, Button] => [
    a,
    (c, p) => openConversationForm(c, p, a, CONVERSATION_VIEWS[a]),
  ]),
]);
const CHANGES = new Set<string>(TICKET_ACTIONS.filter((a) => !BUTTONS.has(a)));

/** The use case of a button, or undefined for what is no ticket action. */
export function useCaseOf(action: string): Button | undefined {
  if (BUTTONS.has(action)) return BUTTONS.get(action);
  if (!CHANGES.has(action)) return undefined;
  return (client, press) => pressButton(client, press, action as PlainChange);
}
