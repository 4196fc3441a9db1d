// What a reply, a note or the requester's words change in the ticket, and
// the line the card's thread gets (see conversation.ts).
import { withWriter } from "../../helpdesk/tickets/ticket_writers.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  type ConversationAction,
  conversationPaused,
  resumedByRequester,
} from "../../helpdesk/tickets/conversation.ts";
import { queueJsmComment } from "../../helpdesk/tickets/jsm_comments.ts";
import type { ChangeOutcome } from "../changes/change_under_lock.ts";
import {
  fromRequesterSide,
  internalNote,
  pausedConversation,
  privateNoteLine,
  replyEcho,
  replyFilesFollow,
  RESUMED,
} from "../../slack/blocks/conversation_messages.ts";
import { recordUse } from "../../helpdesk/queues/saved_reply_uses.ts";
import { REQUESTER_PLACEHOLDER } from "../../slack/blocks/conversation_messages.ts";

/** The ticket after it, and the line for the card's thread. */
export function decide(
  latest: Ticket,
  action: ConversationAction,
  person: string,
  text: string,
  now: number,
  noteInThread: boolean,
  savedReply?: string,
  fileCount = 0,
): ChangeOutcome {
  // Closed or sent for approval since the modal opened.
  const paused = conversationPaused(latest, action);
  if (paused) return { ok: false, reason: pausedConversation(latest, paused) };
  // Who wrote is remembered, so that erasing them finds this ticket.
  const base = { ...latest, ...withWriter(latest, person), updated_at: now };
  if (action === "reply") {
    return {
      ok: true,
      change: {
        ticket: queueJsmComment(
          {
            ...base,
            first_response_at: latest.first_response_at ?? now,
            last_reply: text,
            ...(savedReply
              ? {
                saved_reply_uses: recordUse(
                  latest.saved_reply_uses,
                  savedReply,
                  now,
                ),
              }
              : {}),
          },
          {
            body: text.replaceAll(REQUESTER_PLACEHOLDER, "the requester"),
            public: true,
            author: person,
            role: "agent",
          },
        ),
        actorId: person,
        summary: replyEcho(latest, person, text) +
          (fileCount ? `\n${replyFilesFollow(fileCount)}` : ""),
      },
    };
  }
  if (action === "note") {
    return {
      ok: true,
      change: {
        ticket: queueJsmComment(base, {
          body: text,
          public: false,
          author: person,
          role: "agent",
        }),
        actorId: person,
        summary: noteInThread && !latest.private
          ? internalNote(person, text)
          : privateNoteLine(person),
      },
    };
  }
  const resumed = person === latest.requester
    ? resumedByRequester(base, now)
    : undefined;
  return {
    ok: true,
    change: {
      ticket: queueJsmComment(resumed ?? base, {
        body: text,
        public: true,
        author: person,
        role: person === latest.requester ? "requester" : "participant",
      }),
      actorId: person,
      summary: fromRequesterSide(latest, person, text) +
        (resumed ? `\n${RESUMED}` : ""),
      statusChange: resumed
        ? { from: latest.status, to: resumed.status }
        : undefined,
    },
  };
}
