import { ticketIdFromMetadata } from "../../slack/blocks/modal_metadata.ts";
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import UpdateTicketFunction, {
  ASSIGN_VIEW_CALLBACK_ID,
  DENY_VIEW_CALLBACK_ID,
  EDIT_VIEW_CALLBACK_ID,
  MOVE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { editSubmission } from "../../use_cases/changes/edit_ticket.ts";
import { moveSubmission } from "../../use_cases/changes/move_ticket.ts";
import {
  openAssignModal,
  openDenyModal,
  openTicketForm,
} from "./ticket_forms.ts";
import { decide } from "../../use_cases/changes/approval_decision.ts";
import { showPrivateDetails } from "../../use_cases/opening/private_details.ts";
import {
  CONVERSATION_VIEWS,
  conversationSubmission,
  isConversationAction,
  openConversationModal,
} from "./conversation.ts";
import { REASON_ACTION, REASON_BLOCK } from "../../slack/blocks/deny_modal.ts";
import {
  type ChangeRequest,
  changeTicket,
} from "../../use_cases/changes/change_ticket.ts";
import {
  reportNotShown,
  tellPerson,
  whereToTell,
} from "../../slack/workspace/tell_person.ts";
import { TICKET_ACTIONS } from "../../helpdesk/tickets/roles.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import {
  ASSIGNEE_ACTION,
  ASSIGNEE_BLOCK,
} from "../../slack/blocks/assign_modal.ts";

// Every action but those that first ask something in a modal.
const WITH_FORM = new Set(["assign", "edit", "move"]);
const ACTIONS = new Set<string>(
  TICKET_ACTIONS.filter((a) => !WITH_FORM.has(a)),
);

export default SlackFunction(
  UpdateTicketFunction,
  async ({ inputs, client }) => {
    const { ticket_id, action } = inputs;
    const actor = actingPerson(inputs.interactivity);
    if (!actor) {
      console.warn("update_ticket refused: no interactor");
      return { error: NO_ACTING_PERSON };
    }
    try {
      if (action === "assign") {
        return await openAssignModal(
          client,
          ticket_id,
          actor,
          inputs.interactivity.interactivity_pointer,
        );
      }
      if (action === "edit" || action === "move") {
        return await openTicketForm(
          client,
          action,
          ticket_id,
          actor,
          inputs.interactivity.interactivity_pointer,
        );
      }
      if (action === "deny") {
        return await openDenyModal(
          client,
          ticket_id,
          actor,
          inputs.interactivity.interactivity_pointer,
        );
      }
      if (action === "approve") {
        const result = await decide(client, ticket_id, "approve", actor);
        if (!result.ok) {
          await tellPerson(client, { user: actor }, result.reason);
          return {
            outputs: result.ticket ? { status: result.ticket.status } : {},
          };
        }
        await reportNotShown(client, actor, result);
        return { outputs: { status: result.ticket.status } };
      }
      if (isConversationAction(action)) {
        return await openConversationModal(
          client,
          ticket_id,
          actor,
          action,
          inputs.interactivity.interactivity_pointer,
        );
      }
      if (action === "details") {
        const shown = await showPrivateDetails(client, ticket_id, actor);
        if (!shown.ok) {
          await tellPerson(
            client,
            whereToTell(actor, shown.ticket),
            shown.reason,
          );
        }
        return { outputs: {} };
      }
      if (!ACTIONS.has(action)) {
        return { error: `"${action}" is not a ticket action.` };
      }
      const result = await changeTicket(
        client,
        ticket_id,
        { type: action } as ChangeRequest,
        actor,
      );
      if (!result.ok) {
        await tellPerson(
          client,
          whereToTell(actor, result.ticket),
          result.reason,
        );
        return {
          outputs: result.ticket ? { status: result.ticket.status } : {},
        };
      }
      await reportNotShown(client, actor, result);
      return { outputs: { status: result.ticket.status } };
    } catch (error) {
      console.error("update_ticket failed", error);
      await tellPerson(client, { user: actor }, explainFailure(error)).catch(
        () => {},
      );
      return { error: explainFailure(error) };
    }
  },
).addViewSubmissionHandler(
  ASSIGN_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    const ticketId = ticketIdFromMetadata(view.private_metadata);
    const assignee = view.state.values?.[ASSIGNEE_BLOCK]?.[ASSIGNEE_ACTION]
      ?.selected_user as string | undefined;
    if (!ticketId || !assignee) {
      return {
        response_action: "errors",
        errors: { [ASSIGNEE_BLOCK]: "Choose an agent." },
      };
    }
    let result;
    try {
      result = await changeTicket(client, ticketId, {
        type: "assign",
        assignee,
      }, body.user.id);
    } catch (error) {
      // Shown under the picker, so the agent can try again or cancel.
      console.error("assigning failed", error);
      return {
        response_action: "errors",
        errors: {
          [ASSIGNEE_BLOCK]: await formError(client, explainFailure(error)),
        },
      };
    }
    if (!result.ok) {
      // The modal stays open with the reason under the picker; nothing
      // changed. Field errors are plain text: people and channels in words.
      return {
        response_action: "errors",
        errors: {
          [ASSIGNEE_BLOCK]: await formError(client, result.reason, {
            people: {
              [assignee]: "the person you chose",
              [body.user.id]: "you",
            },
          }),
        },
      };
    }
    await reportNotShown(client, body.user.id, result);
    await finishRun(client, body, { status: result.ticket.status });
  },
).addViewClosedHandler(ASSIGN_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    DENY_VIEW_CALLBACK_ID,
    async ({ body, view, client }) => {
      const ticketId = ticketIdFromMetadata(view.private_metadata);
      const reason = String(
        view.state.values?.[REASON_BLOCK]?.[REASON_ACTION]?.value ?? "",
      );
      if (!ticketId) {
        return {
          response_action: "errors",
          errors: { [REASON_BLOCK]: "This form lost its ticket; close it." },
        };
      }
      let result;
      try {
        result = await decide(client, ticketId, "deny", body.user.id, reason);
      } catch (error) {
        console.error("denying failed", error);
        return {
          response_action: "errors",
          errors: {
            [REASON_BLOCK]: await formError(client, explainFailure(error)),
          },
        };
      }
      if (!result.ok) {
        return {
          response_action: "errors",
          errors: {
            [REASON_BLOCK]: await formError(client, result.reason, {
              people: { [body.user.id]: "you" },
            }),
          },
        };
      }
      await reportNotShown(client, body.user.id, result);
      await finishRun(client, body, { status: result.ticket.status });
    },
  ).addViewClosedHandler(DENY_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.reply,
    conversationSubmission("reply"),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.reply, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.note,
    conversationSubmission("note"),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.note, finishRunOnClose)
  .addViewSubmissionHandler(
    CONVERSATION_VIEWS.comment,
    conversationSubmission("comment"),
  )
  .addViewClosedHandler(CONVERSATION_VIEWS.comment, finishRunOnClose)
  .addViewSubmissionHandler(EDIT_VIEW_CALLBACK_ID, editSubmission)
  .addViewClosedHandler(EDIT_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewSubmissionHandler(MOVE_VIEW_CALLBACK_ID, moveSubmission)
  .addViewClosedHandler(MOVE_VIEW_CALLBACK_ID, finishRunOnClose);
