// The modals of "Configure a request type": the picker, then the type's
// form. Each reads what was submitted and hands it to the settings use
// cases; closing either ends the run.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import { TYPE_VIEW_CALLBACK_ID } from "./definition.ts";
import {
  chooseRequestType,
  confirmRequestTypeSaved,
} from "../../use_cases/settings/request_type_form.ts";
import { saveRequestType } from "../../use_cases/settings/request_type_setup.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import {
  submittedRequestTypeForm,
  TYPE_CHOICE_BLOCK,
} from "../../slack/blocks/request_type_modal.ts";
import { overLongTexts, ViewState } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";

/** The picker: the chosen type's form replaces it, or why it can't. */
export const onRequestTypeChosen: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const chosen = await chooseRequestType(
    client,
    admin,
    new ViewState(view.state.values).choice(TYPE_CHOICE_BLOCK),
    TYPE_VIEW_CALLBACK_ID,
  );
  if (!chosen.ok) return await answerWithErrors(client, admin, chosen);
  return { response_action: "update" as const, view: chosen.view };
};

/** The type's form: saved by whoever submits it, as Slack reports it. */
export const onRequestTypeSubmitted: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const tooLong = overLongTexts(view.state.values);
  if (tooLong) return { response_action: "errors", errors: tooLong };
  const saved = await saveRequestType(
    client,
    admin,
    subjectOf(view.private_metadata),
    submittedRequestTypeForm(new ViewState(view.state.values)),
  );
  if (!saved.ok) return await answerWithErrors(client, admin, saved);
  await confirmRequestTypeSaved(client, admin, saved);
  await finishRun(client, body, { request_type_id: saved.type.id });
};

export const onRequestTypeFormClosed: ViewClosedHandler = finishRunOnClose;
