// The modal of "Service levels": what was submitted goes to the save;
// closing it ends the run.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import { saveServiceLevels } from "../../use_cases/settings/service_levels_setup.ts";
import { submittedServiceLevelForm } from "../../slack/blocks/service_level_modal.ts";
import { InputState, overLongTexts } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";

/** Saved by whoever submits it, as Slack reports it. */
export const onServiceLevelsSubmitted: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const tooLong = overLongTexts(view.state.values);
  if (tooLong) return { response_action: "errors", errors: tooLong };
  const saved = await saveServiceLevels(
    client,
    body.user.id,
    subjectOf(view.private_metadata),
    submittedServiceLevelForm(new InputState(view.state.values)),
  );
  if (!saved.ok) return { response_action: "errors", errors: saved.errors };
  await finishRun(client, body);
};

export const onServiceLevelsFormClosed: ViewClosedHandler = finishRunOnClose;
