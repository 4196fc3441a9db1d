import { SlackFunction } from "deno-slack-sdk/mod.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import RateTicketFunction, {
  RATING_COMMENT_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { changeUnderLock } from "../../use_cases/changes/change_ticket.ts";
import {
  loadTicket,
  TICKET_GONE,
} from "../../slack/workspace/queued_ticket.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { commentOnRating, rateTicket } from "../../helpdesk/tickets/rating.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  RATING_COMMENT_ACTION,
  RATING_COMMENT_BLOCK,
  ratingCommentModal,
} from "../../slack/blocks/rating_blocks.ts";
import { escapeMrkdwnWithin } from "../../slack/blocks/mrkdwn.ts";
import { ticketIdFromMetadata } from "../../slack/blocks/modal_metadata.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  RateTicketFunction,
  async ({ inputs, client }) => {
    const { ticket_id, rating } = inputs;
    const user = actingPerson(inputs.interactivity);
    if (!user) return { error: NO_ACTING_PERSON };
    const now = Math.floor(Date.now() / 1000);
    try {
      const { ticket, settings } = await loadTicket(client, ticket_id);
      if (!settings || !ticket) {
        await tellPerson(
          client,
          { user },
          settings ? TICKET_GONE : NOT_CONFIGURED,
        );
        return { outputs: {} };
      }
      const rated = await changeUnderLock(
        client,
        settings,
        ticket,
        (latest) => {
          const outcome = rateTicket(latest, user, rating, now);
          return outcome.ok
            ? {
              ok: true,
              change: {
                ticket: outcome.ticket,
                actorId: user,
                summary:
                  `<@${user}> rated ${latest.key} ${outcome.ticket.rating}/5`,
              },
            }
            : outcome;
        },
        { now, actorId: user },
      );
      if (!rated.ok) {
        await tellPerson(client, { user }, rated.reason);
        return { outputs: {} };
      }
      const saved = rated.ticket;
      try {
        await slackCall(client, "views.open", {
          interactivity_pointer: inputs.interactivity.interactivity_pointer,
          view: ratingCommentModal(saved, RATING_COMMENT_VIEW_CALLBACK_ID),
        });
      } catch (error) {
        // The rating is saved; only the chance to comment was lost.
        console.warn(`${ticket.key}: comment modal not opened`, error);
        await tellPerson(
          client,
          { user },
          `Thanks: your rating of ${saved.rating}/5 for ${ticket.key} is saved.`,
        ).catch(() => {});
        return { outputs: { rating: saved.rating } };
      }
      // Finished by the modal's submission or closing handler.
      return { completed: false as const };
    } catch (error) {
      console.error("rate_ticket failed", error);
      const message = `Your rating was not saved. ${explainFailure(error)}`;
      await tellPerson(client, { user }, message).catch(() => {});
      return { error: message };
    }
  },
).addViewSubmissionHandler(
  RATING_COMMENT_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    const ticketId = ticketIdFromMetadata(view.private_metadata);
    const comment = view.state.values?.[RATING_COMMENT_BLOCK]
      ?.[RATING_COMMENT_ACTION]?.value as string | undefined;
    const now = Math.floor(Date.now() / 1000);
    try {
      const { ticket, settings } = await loadTicket(client, ticketId ?? "");
      if (!ticket || !settings) {
        return errors(TICKET_GONE);
      }
      const first = commentOnRating(ticket, body.user.id, comment, now);
      // Field errors are plain text: people and dates in words.
      const plain = (reason: string) =>
        formError(client, reason, { people: { [body.user.id]: "you" } });
      if (!first.ok) return errors(await plain(first.reason));
      if (first.ticket.rating_comment !== ticket.rating_comment) {
        const commented = await changeUnderLock(
          client,
          settings,
          ticket,
          (latest) => {
            const outcome = commentOnRating(latest, body.user.id, comment, now);
            if (!outcome.ok) return outcome;
            const said = outcome.ticket.rating_comment
              ? `: “${escapeMrkdwnWithin(outcome.ticket.rating_comment, 1000)}”`
              : " (comment removed)";
            return {
              ok: true,
              change: {
                ticket: outcome.ticket,
                actorId: body.user.id,
                summary: `<@${body.user.id}> commented on their rating${said}`,
              },
            };
          },
          { now, actorId: body.user.id },
        );
        if (!commented.ok) return errors(await plain(commented.reason));
      }
    } catch (error) {
      // Kept open with the reason, so the comment typed is not lost.
      console.error("saving the rating comment failed", error);
      return errors(await formError(client, explainFailure(error)));
    }
    await finishRun(client, body);
  },
).addViewClosedHandler(RATING_COMMENT_VIEW_CALLBACK_ID, finishRunOnClose);

function errors(reason: string) {
  return {
    response_action: "errors" as const,
    errors: { [RATING_COMMENT_BLOCK]: reason },
  };
}
