// Saved replies: opens the picker of queues (or the one queue's form); the
// modals (modals.ts) save one change each, or keep the form open with why
// not.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import SavedRepliesFunction, {
  SAVED_REPLIES_CHOICE_VIEW,
  SAVED_REPLIES_VIEW,
} from "./definition.ts";
import { onSavedRepliesQueueChosen, onSavedReplySubmitted } from "./modals.ts";
import { openSavedRepliesForm } from "../../use_cases/settings/saved_replies_setup.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

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
