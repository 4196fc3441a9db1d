// Saved replies: opens the picker of queues (or the one queue's form); the
// modals below save one change each, or keep the form open with why not.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import SavedRepliesFunction, {
  SAVED_REPLIES_CHOICE_VIEW,
  SAVED_REPLIES_VIEW,
} from "./definition.ts";
import type { ViewSubmissionHandler } from "../modal_handlers.ts";
import {
  chooseSavedRepliesQueue,
  confirmSavedReply,
  openSavedRepliesForm,
  saveSavedReply,
} from "../../use_cases/settings/saved_replies_setup.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import { QUEUE_CHOICE_BLOCK } from "../../slack/blocks/queue_modal.ts";
import {
  savedRepliesSubjectOf,
  submittedSavedReply,
} from "../../slack/blocks/saved_replies_modal.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export const onSavedRepliesQueueChosen: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const person = body.user.id;
  const chosen = await chooseSavedRepliesQueue(
    client,
    person,
    new ViewState(view.state.values).choice(QUEUE_CHOICE_BLOCK),
    SAVED_REPLIES_VIEW,
  );
  if (!chosen.ok) return await answerWithErrors(client, person, chosen);
  return { response_action: "update" as const, view: chosen.view };
};

export const onSavedReplySubmitted: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const person = body.user.id;
  const saved = await saveSavedReply(
    client,
    person,
    savedRepliesSubjectOf(view.private_metadata),
    submittedSavedReply(new ViewState(view.state.values)),
  );
  if (!saved.ok) return await answerWithErrors(client, person, saved);
  await confirmSavedReply(client, person, saved);
  await finishRun(client, body, { queue_id: saved.queue.id });
};

export default SlackFunction(
  SavedRepliesFunction,
  async ({ inputs, client }) => {
    const person = actingPerson(inputs.interactivity);
    if (!person) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openSavedRepliesForm(
        client,
        person,
        inputs.interactivity.interactivity_pointer,
        { choice: SAVED_REPLIES_CHOICE_VIEW, form: SAVED_REPLIES_VIEW },
      );
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "saved_replies failed",
        tell: { user: person },
        what: "Helpdesk couldn't show the saved replies.",
      });
    }
  },
).addViewSubmissionHandler(
  SAVED_REPLIES_CHOICE_VIEW,
  submissionAnsweredInTime(onSavedRepliesQueueChosen),
)
  .addViewSubmissionHandler(
    SAVED_REPLIES_VIEW,
    submissionAnsweredInTime(onSavedReplySubmitted),
  )
  .addViewClosedHandler(SAVED_REPLIES_CHOICE_VIEW, finishRunOnClose)
  .addViewClosedHandler(SAVED_REPLIES_VIEW, finishRunOnClose);
