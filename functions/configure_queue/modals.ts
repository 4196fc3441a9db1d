// The modals of "Configure a queue": the picker of queues, then the queue's
// form. Each reads what was submitted and hands it to the settings use
// cases; closing either ends the run.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import { QUEUE_VIEW_CALLBACK_ID } from "./definition.ts";
import { chooseQueue } from "../../use_cases/settings/queue_form.ts";
import { onceMoreIfPassing } from "../../slack/api/passing_failures.ts";
import { saveQueue } from "../../use_cases/settings/queue_setup.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import {
  QUEUE_CHOICE_BLOCK,
  submittedQueueForm,
} from "../../slack/blocks/queue_modal.ts";
import { InputState, overLongTexts } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";

/** The picker: the chosen queue's form replaces it, or why it can't. */
export const onQueueChosen: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const chosen = await chooseQueue(
    client,
    admin,
    new InputState(view.state.values).choice(QUEUE_CHOICE_BLOCK),
    QUEUE_VIEW_CALLBACK_ID,
  );
  if (!chosen.ok) return await answerWithErrors(client, admin, chosen);
  return { response_action: "update" as const, view: chosen.view };
};

/**
 * The queue's form: saved by whoever submits it, as Slack reports it. The
 * run ends with what the workflow's next step needs to bring the reaction
 * triggers in step and then confirm the save (sync_queue_reactions); if it
 * can't end, the form stays open saying so: submitting it again (the same
 * save) ends it, or for a new queue, saving the queue again.
 */
export const onQueueSubmitted: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const tooLong = overLongTexts(view.state.values);
  if (tooLong) return { response_action: "errors", errors: tooLong };
  const subject = subjectOf(view.private_metadata);
  const saved = await saveQueue(
    client,
    admin,
    subject,
    submittedQueueForm(new InputState(view.state.values)),
  );
  if (!saved.ok) return await answerWithErrors(client, admin, saved);
  const outputs = { queue_id: saved.queue.id, saved_by: admin };
  try {
    // Asked again after a passing failure: the run must end for the next
    // step to bring the reactions in step and confirm the save.
    await onceMoreIfPassing(() => finishRun(client, body, outputs));
  } catch (error) {
    console.error("configure_queue: the run did not finish", error);
    return {
      response_action: "errors" as const,
      errors: {
        name: `${QUEUE_SAVED_FORM_OPEN} ${
          subject.id ? "submit it again to finish." : NEW_QUEUE_AGAIN
        }`,
      },
    };
  }
};

/** Saved, but Slack did not end the run: the next step has not run. */
const QUEUE_SAVED_FORM_OPEN =
  "The queue is saved, but Slack didn't close this form, so its reactions don't follow it yet:";
/** This form submitted again would make the queue again: its name clashes. */
const NEW_QUEUE_AGAIN =
  "close it, then save the queue again in Configure a queue.";

export const onQueueFormClosed: ViewClosedHandler = finishRunOnClose;
