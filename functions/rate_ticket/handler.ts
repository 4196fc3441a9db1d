import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import RateTicketFunction, {
  RATING_COMMENT_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { ratingCommentSubmitted } from "./modals.ts";
import { rateAndAskComment } from "../../use_cases/changes/ticket_rating.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  RateTicketFunction,
  async ({ inputs, client }) => {
    const user = actingPerson(inputs.interactivity);
    if (!user) return { error: NO_ACTING_PERSON };
    try {
      return await rateAndAskComment(client, {
        ticketId: inputs.ticket_id,
        actor: user,
        pointer: inputs.interactivity.interactivity_pointer,
        rating: inputs.rating,
      }, RATING_COMMENT_VIEW_CALLBACK_ID);
    } catch (error) {
      return await failAndTell(client, error, {
        log: "rate_ticket failed",
        tell: { user },
        what: "Your rating was not saved.",
      });
    }
  },
).addViewSubmissionHandler(
  RATING_COMMENT_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(ratingCommentSubmitted),
).addViewClosedHandler(RATING_COMMENT_VIEW_CALLBACK_ID, finishRunOnClose);
