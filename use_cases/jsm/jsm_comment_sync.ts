// The comments a ticket's conversation owes its JSM request (see
// helpdesk/tickets/jsm_comments.ts), sent by the JSM sync once the request
// exists and has the ticket's status.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  jsmCommentBody,
  pendingJsmComments,
} from "../../helpdesk/tickets/jsm_comments.ts";
import { updateFieldsUnderLock } from "../changes/change_ticket.ts";
import type { JsmSyncDeps } from "./jsm_sync_deps.ts";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";
import { addComment } from "../../integrations/jsm/request_comments.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { jsmCommentRefused } from "../../slack/blocks/jsm_messages.ts";

/**
 * The conversation's comments the ticket queued, in order, until one fails;
 * the ones sent are taken off the ticket under its lock, so a comment queued
 * meanwhile is kept. A comment whose answer was lost may so be sent twice.
 */
export async function sendComments(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
): Promise<{ sent: number }> {
  const pending = pendingJsmComments(ticket);
  let sent = 0;
  let failure: unknown;
  const refused: { author: string; body: string; reason: string }[] = [];
  for (const comment of pending) {
    try {
      await addComment(
        deps.jsm,
        key,
        jsmCommentBody(comment),
        comment.public,
      );
      sent++;
    } catch (error) {
      // Refused for good (a 400): sending it again can't change that, and
      // it would hold back every comment after it. Its writer is told.
      if (error instanceof JsmError && error.status === 400) {
        refused.push({
          author: comment.author,
          body: comment.body,
          reason: error.serverMessage ?? error.message,
        });
        sent++;
        continue;
      }
      failure = error;
      break;
    }
  }
  await Promise.all(
    refused.map((r) =>
      tellPerson(
        deps.client,
        { user: r.author },
        jsmCommentRefused(ticket, r, r.reason),
      )
        .catch((error) => console.warn(`${ticket.key}: writer not told`, error))
    ),
  );
  if (sent > 0) {
    const done = new Set((ticket.jsm_comments ?? []).slice(0, sent));
    const taken = await updateFieldsUnderLock(
      deps.client,
      ticket,
      (latest) => ({
        jsm_comments: (latest.jsm_comments ?? []).filter((c) => !done.has(c)),
      }),
    );
    if (!taken.ok) console.warn(`${ticket.key}: ${taken.reason}`);
  }
  if (failure) throw failure;
  return { sent };
}
