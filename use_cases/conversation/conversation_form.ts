// The conversation's buttons on a card or a DM (Reply to requester, Note,
// Add to ticket): each opens a modal, checked first so nobody writes in
// vain; its submission says it through the ticket (conversation.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { ConversationAction } from "../../helpdesk/tickets/conversation.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { conversationModal } from "../../slack/blocks/conversation_messages.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  type ButtonPress,
  KEPT_OPEN,
  type PressResult,
  statusOf,
} from "../changes/button_press.ts";
import { checkSpeaker } from "./conversation_speaker.ts";
import { withSavedReplies } from "../../slack/blocks/saved_reply_picker.ts";
import { offeredReplies } from "./saved_reply_offer.ts";

export async function openConversationForm(
  client: SlackAPIClient,
  press: ButtonPress,
  action: ConversationAction,
  callbackId: string,
): Promise<PressResult> {
  const { ticketId, actor } = press;
  const speaker = await checkSpeaker(client, ticketId, actor, action);
  if (!speaker.ok) {
    await tellPerson(client, {
      user: actor,
      channel: action === "comment" ? undefined : speaker.ticket?.card_channel,
    }, speaker.reason);
    return statusOf(speaker.ticket);
  }
  const modal = conversationModal(speaker.ticket, action, callbackId, {
    files: press.files,
  });
  await slackCall(client, "views.open", {
    interactivity_pointer: press.pointer,
    view: action === "reply"
      ? withSavedReplies(
        modal,
        await offeredReplies(client, speaker.queue.id),
      )
      : modal,
  });
  return KEPT_OPEN;
}
