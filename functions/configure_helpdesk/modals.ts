// The modal of "Configure Helpdesk": what was submitted goes to the save;
// closing it ends the run.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import { saveHelpdeskSettings } from "../../use_cases/settings/helpdesk_setup.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import { submittedHelpdeskForm } from "../../slack/blocks/helpdesk_modal.ts";
import { InputState, overLongTexts } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";

/** Saved by whoever submits it, as Slack reports it. */
export const onHelpdeskSubmitted: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const tooLong = overLongTexts(view.state.values);
  if (tooLong) return { response_action: "errors", errors: tooLong };
  const result = await saveHelpdeskSettings(
    client,
    admin,
    submittedHelpdeskForm(new InputState(view.state.values)),
    subjectOf(view.private_metadata),
  );
  if (!result.ok) return await answerWithErrors(client, admin, result);
  await finishRun(client, body);
};

export const onHelpdeskFormClosed: ViewClosedHandler = finishRunOnClose;
