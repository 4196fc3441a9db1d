// The modals of "Saved replies": the picker of queues, then one queue's
// form. Each reads what was submitted and hands it to the settings use
// cases, or keeps the form open with why not.
import { SAVED_REPLIES_VIEW } from "./definition.ts";
import type { ViewSubmissionHandler } from "../modal_handlers.ts";
import {
  chooseSavedRepliesQueue,
  confirmSavedReply,
  saveSavedReply,
} from "../../use_cases/settings/saved_replies_setup.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import { QUEUE_CHOICE_BLOCK } from "../../slack/blocks/queue_modal.ts";
import {
  savedRepliesSubjectOf,
  submittedSavedReply,
} from "../../slack/blocks/saved_replies_modal.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { finishRun } from "../../slack/workspace/finish_run.ts";

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
