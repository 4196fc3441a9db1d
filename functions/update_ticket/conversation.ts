// The conversation's buttons on a card or a DM (Reply to requester, Note,
// Add to ticket): each opens a modal, and its submission says it through the
// ticket (use_cases/conversation/conversation.ts). Kept open with the reason when
// it can't be sent, so nothing written is lost.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  type ConversationAction,
  isConversationAction,
} from "../../helpdesk/tickets/conversation.ts";
import {
  checkSpeaker,
  converse,
} from "../../use_cases/conversation/conversation.ts";
import {
  conversationModal,
  MESSAGE_ACTION,
  MESSAGE_BLOCK,
} from "../../slack/blocks/conversation_messages.ts";
import { ticketIdFromMetadata } from "../../slack/blocks/modal_metadata.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { finishRun } from "../../slack/workspace/finish_run.ts";
import { formError } from "../../slack/workspace/form_errors.ts";

/** One modal per action, so its submission knows what it was for. */
export const CONVERSATION_VIEWS: Record<ConversationAction, string> = {
  reply: "ticket_reply",
  note: "ticket_note",
  comment: "ticket_comment",
};

export { isConversationAction };

export async function openConversationModal(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
  action: ConversationAction,
  interactivityPointer: string,
) {
  // Checked first, so nobody writes in vain.
  const speaker = await checkSpeaker(client, ticketId, person, action);
  if (!speaker.ok) {
    await tellPerson(client, {
      user: person,
      channel: action === "comment" ? undefined : speaker.ticket?.card_channel,
    }, speaker.reason);
    return { outputs: speaker.ticket ? { status: speaker.ticket.status } : {} };
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: interactivityPointer,
    view: conversationModal(
      speaker.ticket,
      action,
      CONVERSATION_VIEWS[action],
    ),
  });
  // Finished by the modal's submission or closing handler.
  return { completed: false as const };
}

interface Submission {
  body: { user: { id: string }; function_data: { execution_id: string } };
  view: {
    private_metadata?: string;
    state: { values?: Record<string, Record<string, { value?: unknown }>> };
  };
  client: SlackAPIClient;
}

/** The view_submission handler of one action's modal. */
export function conversationSubmission(action: ConversationAction) {
  return async ({ body, view, client }: Submission) => {
    const ticketId = ticketIdFromMetadata(view.private_metadata);
    const written = view.state.values?.[MESSAGE_BLOCK]?.[MESSAGE_ACTION]?.value;
    const refuse = (reason: string) => ({
      response_action: "errors" as const,
      errors: { [MESSAGE_BLOCK]: reason },
    });
    if (!ticketId) return refuse("This form lost its ticket; close it.");
    let result;
    try {
      result = await converse(client, ticketId, body.user.id, action, written);
    } catch (error) {
      console.error(`${action} failed`, error);
      return refuse(await formError(client, explainFailure(error)));
    }
    // Field errors are plain text: people, channels and dates in words.
    if (!result.ok) {
      return refuse(
        await formError(client, result.reason, {
          people: { [body.user.id]: "you" },
        }),
      );
    }
    for (const failure of result.notShown) {
      console.warn(
        `${result.ticket.key}: ${action} not shown everywhere`,
        failure,
      );
    }
    await finishRun(client, body, { status: result.ticket.status });
  };
}
