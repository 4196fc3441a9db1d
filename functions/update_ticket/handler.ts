import { SlackFunction } from "deno-slack-sdk/mod.ts";
import UpdateTicketFunction, {
  ASSIGN_VIEW_CALLBACK_ID,
  CONVERSATION_VIEWS,
  DENY_VIEW_CALLBACK_ID,
  EDIT_VIEW_CALLBACK_ID,
  MOVE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  assignSubmitted,
  conversationSubmitted,
  denySubmitted,
  editSubmitted,
  moveSubmitted,
} from "./modals.ts";
import { useCaseOf } from "./buttons.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  UpdateTicketFunction,
  async ({ inputs, client }) => {
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
).addViewSubmissionHandler(ASSIGN_VIEW_CALLBACK_ID, assignSubmitted)
  .addViewClosedHandler(ASSIGN_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(DENY_VIEW_CALLBACK_ID, denySubmitted)
  .addViewClosedHandler(DENY_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(EDIT_VIEW_CALLBACK_ID, editSubmitted)
  .addViewClosedHandler(EDIT_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(MOVE_VIEW_CALLBACK_ID, moveSubmitted)
  .addViewClosedHandler(MOVE_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.reply,
    conversationSubmitted("reply"),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.reply, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.note,
    conversationSubmitted("note"),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.note, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.comment,
    conversationSubmitted("comment"),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.comment, finishRunOnClose);
