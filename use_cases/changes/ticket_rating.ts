// A requester's rating of their resolved ticket, from the buttons in their
// DM, then the comment a modal offers to add. Each is a change under the
// ticket's lock (change_under_lock.ts); the rules are
// helpdesk/tickets/rating.ts.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { commentOnRating, rateTicket } from "../../helpdesk/tickets/rating.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { ratingCommentModal } from "../../slack/blocks/rating_blocks.ts";
import { escapeMrkdwnWithin } from "../../slack/blocks/mrkdwn.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import {
  loadTicket,
  TICKET_GONE,
} from "../../slack/workspace/queued_ticket.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { changeUnderLock } from "./change_under_lock.ts";
import { type ButtonPress, KEPT_OPEN } from "./button_press.ts";

/**
 * The rating saved, then the modal that asks for a comment: the run stays
 * open for it. Refused (told to the requester) or saved without the modal,
 * the run ends with the rating it has.
 */
export async function rateAndAskComment(
  client: SlackAPIClient,
  press: ButtonPress & { rating: string },
  callbackId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<{ outputs: { rating?: number } } | typeof KEPT_OPEN> {
  const user = press.actor;
  const { ticket, settings } = await loadTicket(client, press.ticketId);
  if (!settings || !ticket) {
    await tellPerson(client, { user }, settings ? TICKET_GONE : NOT_CONFIGURED);
    return { outputs: {} };
  }
  const rated = await changeUnderLock(client, settings, ticket, (latest) => {
    const outcome = rateTicket(latest, user, press.rating, now);
    return outcome.ok
      ? {
        ok: true,
        change: {
          ticket: outcome.ticket,
          actorId: user,
          summary: `<@${user}> rated ${latest.key} ${outcome.ticket.rating}/5`,
        },
      }
      : outcome;
  }, { now, actorId: user });
  if (!rated.ok) {
    await tellPerson(client, { user }, rated.reason);
    return { outputs: {} };
  }
  const saved = rated.ticket;
  try {
    await slackCall(client, "views.open", {
      interactivity_pointer: press.pointer,
      view: ratingCommentModal(saved, callbackId),
    });
  } catch (error) {
    // The rating is saved; only the chance to comment was lost.
    console.warn(`${ticket.key}: comment modal not opened`, error);
    await tellPerson(
      client,
      { user },
      `Thanks: your rating of ${saved.rating}/5 for ${ticket.key} is saved.`,
    ).catch((telling) =>
      console.warn(`${ticket.key}: rating's thanks not sent`, telling)
    );
    return { outputs: { rating: saved.rating } };
  }
  return KEPT_OPEN;
}

/**
 * The comment from the modal, saved if it changes anything; or why not, in
 * plain words for under the field.
 */
export async function saveRatingComment(
  client: SlackAPIClient,
  ticketId: string | undefined,
  user: string,
  comment: string,
  now = Math.floor(Date.now() / 1000),
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const { ticket, settings } = await loadTicket(client, ticketId ?? "");
  if (!ticket || !settings) return { ok: false, reason: TICKET_GONE };
  // Field errors are plain text: people and dates in words.
  const plain = async (reason: string) => ({
    ok: false as const,
    reason: await formError(client, reason, { people: { [user]: "you" } }),
  });
  const first = commentOnRating(ticket, user, comment, now);
  if (!first.ok) return plain(first.reason);
  if (first.ticket.rating_comment === ticket.rating_comment) {
    return { ok: true };
  }
  const commented = await changeUnderLock(
    client,
    settings,
    ticket,
    (latest) => commentChange(latest, user, comment, now),
    { now, actorId: user },
  );
  return commented.ok ? { ok: true } : plain(commented.reason);
}

function commentChange(
  latest: Ticket,
  user: string,
  comment: string,
  now: number,
) {
  const outcome = commentOnRating(latest, user, comment, now);
  if (!outcome.ok) return outcome;
  const said = outcome.ticket.rating_comment
    ? `: “${escapeMrkdwnWithin(outcome.ticket.rating_comment, 1000)}”`
    : " (comment removed)";
  return {
    ok: true as const,
    change: {
      ticket: outcome.ticket,
      actorId: user,
      summary: `<@${user}> commented on their rating${said}`,
    },
  };
}
