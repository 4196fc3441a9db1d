// The comments a ticket's conversation owes its JSM request (see
// helpdesk/tickets/jsm_comments.ts), sent by the JSM sync once the request
// exists and has the ticket's status. A post that failed in a way that may
// have landed (a 5xx, no answer) marks its comment maybeSent; before posting
// it again, the request's comments are read and one with its exact body and
// visibility that is not an earlier one of Helpdesk's is taken as that
// post's (lostCommentFound), so the requester never reads it twice.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  jsmCommentBody,
  jsmCommentMark,
  lostCommentFound,
  type PendingJsmComment,
  queuedJsmComments,
} from "../../helpdesk/tickets/jsm_comments.ts";
import { updateFieldsUnderLock } from "../changes/change_under_lock.ts";
import type { JsmSyncDeps } from "./jsm_sync_deps.ts";
import { JsmError, mayHaveLanded } from "../../integrations/jsm/jsm_errors.ts";
import {
  addComment,
  requestComments,
} from "../../integrations/jsm/request_comments.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { jsmCommentRefused } from "../../slack/blocks/jsm_messages.ts";

/**
 * The conversation's comments the ticket queued, in order, until one fails;
 * the ones sent are taken off the ticket under its lock, so a comment queued
 * meanwhile is kept.
 */
export async function sendComments(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
): Promise<{ sent: number }> {
  const pending = queuedJsmComments(ticket);
  // After a failed attempt, a comment JSM took may still be queued, its
  // record lost (Slack refused the write, or the ticket stayed busy): each
  // is looked for in JSM among those made since it was said. Only a lost
  // post or record costs this read: a normal send makes no extra call.
  const unsure = (ticket.jsm_attempts ?? 0) > 0;
  const lookFrom = (c: PendingJsmComment) =>
    c.maybeSent ? c.triedAt : unsure && c.at ? c.at * 1000 : null;
  const listed = pending.some((p) => lookFrom(p.comment) !== null)
    ? await requestComments(deps.jsm, key)
    : [];
  const done = new Set<string>();
  /** JSM's ids of what Helpdesk posted, recorded as its own. */
  const posted: string[] = [];
  /** The entry whose post failed and may have landed, and its new form. */
  let lost: { entry: string; marked: string } | undefined;
  let failure: unknown;
  const refused: { author: string; body: string; reason: string }[] = [];
  for (const { entry, comment } of pending) {
    const body = jsmCommentBody(comment);
    const from = lookFrom(comment);
    const made = from !== null
      ? lostCommentFound(listed, {
        body,
        public: comment.public,
        triedAt: from,
      }, [
        ...ticket.copied_files ?? [],
        ...posted.map(jsmCommentMark),
      ])
      : undefined;
    const triedAt = Date.now();
    try {
      posted.push(
        made ?? (await addComment(deps.jsm, key, body, comment.public)).id,
      );
      done.add(entry);
    } catch (error) {
      // Refused for good (a 400): sending it again can't change that, and
      // it would hold back every comment after it. Its writer is told.
      if (error instanceof JsmError && error.status === 400) {
        refused.push({
          author: comment.author,
          body: comment.body,
          reason: error.serverMessage ?? error.message,
        });
        done.add(entry);
        continue;
      }
      if (mayHaveLanded(error)) {
        lost = {
          entry,
          marked: JSON.stringify({ ...comment, maybeSent: true, triedAt }),
        };
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
  if (done.size || lost) {
    // One write: a posted comment leaves the queue as its id is recorded,
    // and one whose post may have landed stays queued, marked.
    const taken = await updateFieldsUnderLock(
      deps.client,
      ticket,
      (latest) => ({
        jsm_comments: (latest.jsm_comments ?? []).flatMap((e) =>
          done.has(e) ? [] : e === lost?.entry ? [lost.marked] : [e]
        ),
        ...posted.length
          ? {
            copied_files: [
              ...latest.copied_files ?? [],
              ...posted.map(jsmCommentMark),
            ],
          }
          : {},
      }),
    );
    // Not recorded: a failed attempt, so that the next one looks in JSM
    // for what this one posted instead of posting it again.
    if (!taken.ok) {
      throw new Error(`${ticket.key}'s comments reached JSM, not recorded yet`);
    }
  }
  if (failure) throw failure;
  return { sent: done.size };
}
