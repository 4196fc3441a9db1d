// The request form's two modals: what the person needs (a request type),
// then the details. Each reads what was submitted and hands it to the
// opening use case. Closing either opens no ticket, so the run ends in
// error: the steps after it (JSM sync, the ticket log row) must not run on
// nothing.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import {
  chooseRequestKind,
  submitRequest,
} from "../../use_cases/opening/request_form.ts";
import {
  DESCRIPTION_BLOCK,
  PRIORITY_BLOCK,
  requestTypeIdFrom,
  SUMMARY_BLOCK,
  TYPE_BLOCK,
  typeAnswerFrom,
} from "../../slack/blocks/request_form.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { failRunOnClose, finishRun } from "../../slack/workspace/finish_run.ts";
import {
  filesEnabled,
  jsmEnabled,
} from "../../integrations/deployment/deployment_options.ts";
import { FILES_BLOCK } from "../../slack/blocks/file_field.ts";
import { filesOutputs } from "../../slack/workspace/files_step.ts";

export const onKindChosen: ViewSubmissionHandler = async (
  { view, client, env },
) => {
  const chosen = await chooseRequestKind(
    client,
    new ViewState(view.state.values).choice(TYPE_BLOCK),
    { files: filesEnabled(env) },
  );
  return chosen.ok
    ? { response_action: "update", view: chosen.view }
    : { response_action: "errors", errors: chosen.errors };
};

export const onDetailsSubmitted: ViewSubmissionHandler = async (
  { body, view, inputs, client, env },
) => {
  const state = new ViewState(view.state.values);
  // Copied to the card by the next step, once the ticket is open.
  const files = filesEnabled(env) ? state.files(FILES_BLOCK) : [];
  const submitted = await submitRequest(client, {
    requester: body.user.id,
    viewId: view.id,
    channel: inputs.channel as string | undefined,
    typeId: requestTypeIdFrom(view.private_metadata),
    summary: state.text(SUMMARY_BLOCK),
    description: state.text(DESCRIPTION_BLOCK),
    priority: state.choice(PRIORITY_BLOCK),
    answerOf: typeAnswerFrom(state),
  }, {
    syncToJsm: jsmEnabled(env),
    finish: (outputs) =>
      finishRun(client, body, {
        ...outputs,
        ...filesOutputs(files, body.user.id, "card"),
      }),
  });
  if (!submitted.ok) {
    // Shown in the form, which stays open with everything typed so far.
    return { response_action: "errors", errors: submitted.errors };
  }
};

export const onFormClosed: ViewClosedHandler = failRunOnClose(
  "The form was closed without opening a ticket.",
);
