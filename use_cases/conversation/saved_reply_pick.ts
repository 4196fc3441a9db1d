// Saved replies in Reply to requester: the modal offers the ticket's queue's
// list; picking one fills the box (after anything already typed, so no
// word is lost), and the pick travels with the submission so the report
// can count it. Placeholders are filled with the ticket's fields as plain
// text; the reply is escaped when sent, like every reply.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { MESSAGE_LIMIT } from "../../helpdesk/tickets/conversation.ts";
import {
  expandPlaceholders,
  type SavedReply,
} from "../../helpdesk/queues/saved_replies.ts";
import { offeredReplies } from "./saved_reply_offer.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { conversationModal } from "../../slack/blocks/conversation_messages.ts";
import {
  roundOf,
  withSavedReplies,
} from "../../slack/blocks/saved_reply_picker.ts";
import { checkSpeaker } from "./conversation_speaker.ts";

/**
 * The text a saved reply becomes for this ticket. `{requester}` stays as
 * written: the reply names the requester with a mention when it is sent.
 */
export function savedReplyText(reply: SavedReply, ticket: Ticket): string {
  return expandPlaceholders(reply.text, {
    key: ticket.key,
    summary: ticket.summary,
  });
}

export interface SavedReplyPick {
  ticketId: string;
  person: string;
  replyId: string | undefined;
  viewId: string;
  hash?: string;
  callbackId: string;
  /** The box's text as the person left it. */
  typed: string;
  values?: Record<string, Record<string, unknown>>;
  /** The modal has the file field (files on): the redraw keeps it. */
  files?: boolean;
}

/** Redraws the reply modal with the picked reply in the box. */
export async function fillSavedReply(
  client: SlackAPIClient,
  pick: SavedReplyPick,
): Promise<void> {
  const speaker = await checkSpeaker(
    client,
    pick.ticketId,
    pick.person,
    "reply",
  );
  // Whoever may no longer reply finds out when they send.
  if (!speaker.ok) return;
  const replies = await offeredReplies(client, speaker.queue.id);
  const reply = replies.find((r) => r.id === pick.replyId);
  if (!reply) return;
  const text = savedReplyText(reply, speaker.ticket);
  const typed = pick.typed.trimEnd();
  const combined = typed ? `${typed}\n\n${text}` : text;
  const fits = combined.length <= MESSAGE_LIMIT;
  const modal = withSavedReplies(
    conversationModal(speaker.ticket, "reply", pick.callbackId, {
      files: pick.files,
    }),
    replies,
    reply.id,
    fits ? { text: combined, round: roundOf(pick.values) + 1 } : {
      text: pick.typed,
      round: roundOf(pick.values) + 1,
      note:
        `"${reply.title}" does not fit after what you wrote (${MESSAGE_LIMIT} characters at most): clear the box and pick it again.`,
    },
  );
  await slackCall(client, "views.update", {
    view_id: pick.viewId,
    ...(pick.hash ? { hash: pick.hash } : {}),
    view: modal,
  });
}
