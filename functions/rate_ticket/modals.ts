// The comment a requester may add to their rating, in the modal the rating
// opened: saved and the run finished, or kept open with the reason under
// the field, so the comment typed is not lost.
import type { ViewSubmissionHandler } from "../modal_handlers.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { ticketIdFromMetadata } from "../../slack/blocks/modal_metadata.ts";
import { RATING_COMMENT_BLOCK } from "../../slack/blocks/rating_blocks.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { finishRun } from "../../slack/workspace/finish_run.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import { saveRatingComment } from "../../use_cases/changes/ticket_rating.ts";

const keepOpen = (reason: string) => ({
  response_action: "errors" as const,
  errors: { [RATING_COMMENT_BLOCK]: reason },
});

export const ratingCommentSubmitted: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  let saved;
  try {
    saved = await saveRatingComment(
      client,
      ticketIdFromMetadata(view.private_metadata),
      body.user.id,
      new ViewState(view.state.values).text(RATING_COMMENT_BLOCK),
    );
  } catch (error) {
    console.error("saving the rating comment failed", error);
    return keepOpen(await formError(client, explainFailure(error)));
  }
  if (!saved.ok) return keepOpen(saved.reason);
  await finishRun(client, body);
};
