// One run per click on a ticket's button: the use case each button calls.
// Assign to…, Deny…, Edit…, Move…, Merge into…, Unmerge…, Link related…
// and the conversation's buttons open a modal (its submission is in modals.ts); Approve decides and Details shows;
// every other ticket action (Claim, Resolve, Close…) changes the ticket at
// once (pressButton in use_cases/changes/change_ticket.ts).
import { showSimilar } from "../../use_cases/changes/similar_tickets.ts";
import { SIMILAR_ACTION } from "../../helpdesk/similar/solved_tickets.ts";
import { showHistory } from "../../use_cases/changes/ticket_history.ts";
import { HISTORY_ACTION } from "../../helpdesk/tickets/ticket_history.ts";
import { parseSelfSolve } from "../../helpdesk/similar/suggestions.ts";
import { pressSelfSolved } from "../../use_cases/changes/self_solve.ts";
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import UpdateTicketFunction, {
  ASSIGN_VIEW_CALLBACK_ID,
  CONVERSATION_VIEWS,
  DENY_VIEW_CALLBACK_ID,
  EDIT_VIEW_CALLBACK_ID,
  LINK_VIEW_CALLBACK_ID,
  MERGE_VIEW_CALLBACK_ID,
  MOVE_VIEW_CALLBACK_ID,
  UNMERGE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  assignSubmitted,
  conversationSubmitted,
  denySubmitted,
  editSubmitted,
  linkSubmitted,
  mergeSubmitted,
  moveSubmitted,
  savedReplyPicked,
  unmergeSubmitted,
} from "./modals.ts";
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
import {
  openPairForm,
  openUnmergeForm,
} from "../../use_cases/changes/merge_form.ts";
import { openConversationForm } from "../../use_cases/conversation/conversation_form.ts";
import { TICKET_ACTIONS } from "../../helpdesk/tickets/roles.ts";
import { SAVED_REPLY_ACTION } from "../../slack/blocks/saved_reply_picker.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

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
  [
    "merge",
    (c, p) =>
      openTicketForm(c, p, openPairForm("merge"), MERGE_VIEW_CALLBACK_ID),
  ],
  [
    "link",
    (c, p) => openTicketForm(c, p, openPairForm("link"), LINK_VIEW_CALLBACK_ID),
  ],
  [
    "unmerge",
    (c, p) => openTicketForm(c, p, openUnmergeForm, UNMERGE_VIEW_CALLBACK_ID),
  ],
  ["approve", approveRequest],
  ["details", showDetails],
  [SIMILAR_ACTION, showSimilar],
  [HISTORY_ACTION, showHistory],
  ...(["reply", "note", "comment"] as const).map((a): [string, Button] => [
    a,
    (c, p) => openConversationForm(c, p, a, CONVERSATION_VIEWS[a]),
  ]),
]);
const CHANGES = new Set<string>(TICKET_ACTIONS.filter((a) => !BUTTONS.has(a)));

/** The use case of a button, or undefined for what is no ticket action. */
function useCaseOf(action: string): Button | undefined {
  if (BUTTONS.has(action)) return BUTTONS.get(action);
  const solved = parseSelfSolve(action);
  if (solved) return (c, p) => pressSelfSolved(c, p, solved.suggestedKey);
  if (!CHANGES.has(action)) return undefined;
  return (client, press) => pressButton(client, press, action as PlainChange);
}

export default SlackFunction(
  UpdateTicketFunction,
  async ({ inputs, client, env }) => {
    const { ticket_id: ticketId, action } = inputs;
    const actor = actingPerson(inputs.interactivity);
    if (!actor) {
      console.warn("update_ticket refused: no interactor");
      return { error: NO_ACTING_PERSON };
    }
    const press = {
      ticketId,
      actor,
      pointer: inputs.interactivity.interactivity_pointer,
      files: filesEnabled(env),
    };
    const button = useCaseOf(action);
    if (!button) return { error: `"${action}" is not a ticket action.` };
    try {
      return await button(client, press);
    } catch (error) {
      return await failAndTell(client, error, {
        log: "update_ticket failed",
        tell: { user: actor },
      });
    }
  },
).addViewSubmissionHandler(
  ASSIGN_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(assignSubmitted),
)
  .addViewClosedHandler(ASSIGN_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    DENY_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(denySubmitted),
  )
  .addViewClosedHandler(DENY_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    EDIT_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(editSubmitted),
  )
  .addViewClosedHandler(EDIT_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    MOVE_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(moveSubmitted),
  )
  .addViewClosedHandler(MOVE_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    MERGE_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(mergeSubmitted),
  )
  .addViewClosedHandler(MERGE_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    UNMERGE_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(unmergeSubmitted),
  )
  .addViewClosedHandler(UNMERGE_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    LINK_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(linkSubmitted),
  )
  .addViewClosedHandler(LINK_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.reply,
    submissionAnsweredInTime(conversationSubmitted("reply")),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.reply, finishRunOnClose)
  .addBlockActionsHandler(SAVED_REPLY_ACTION, savedReplyPicked)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.note,
    submissionAnsweredInTime(conversationSubmitted("note")),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.note, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.comment,
    submissionAnsweredInTime(conversationSubmitted("comment")),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.comment, finishRunOnClose);
