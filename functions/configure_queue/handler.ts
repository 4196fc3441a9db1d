// Configure a queue: opens the picker of queues the person may change (or
// straight away the one queue's form); modals.ts handles what follows.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import ConfigureQueueFunction, {
  QUEUE_CHOICE_VIEW_CALLBACK_ID,
  QUEUE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  onQueueChosen,
  onQueueFormClosed,
  onQueueSubmitted,
} from "./modals.ts";
import { openQueueForm } from "../../use_cases/settings/queue_form.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ConfigureQueueFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openQueueForm(
        client,
        admin,
        inputs.interactivity.interactivity_pointer,
        { choice: QUEUE_CHOICE_VIEW_CALLBACK_ID, form: QUEUE_VIEW_CALLBACK_ID },
      );
      // Finished by the modal's submission or closing handler.
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_queue failed",
        tell: { user: admin },
        what: "Helpdesk couldn't show the queues.",
      });
    }
  },
).addViewSubmissionHandler(
  QUEUE_CHOICE_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(onQueueChosen),
)
  .addViewSubmissionHandler(
    QUEUE_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(onQueueSubmitted),
  )
  .addViewClosedHandler(QUEUE_CHOICE_VIEW_CALLBACK_ID, onQueueFormClosed)
  .addViewClosedHandler(QUEUE_VIEW_CALLBACK_ID, onQueueFormClosed);
