// The modals of "Erase a person": whom, then the confirmation naming them.
import {
  ERASE_PERSON_CONFIRM_VIEW,
  ERASE_PERSON_PICK_VIEW,
} from "./definition.ts";
import type { ViewSubmissionHandler } from "../modal_handlers.ts";
import {
  chooseErasedPerson,
  confirmErasure,
  requestErasure,
} from "../../use_cases/settings/erasure_request.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import {
  confirmedPerson,
  ERASE_PERSON_BLOCK,
} from "../../slack/blocks/erasure_messages.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { finishRun } from "../../slack/workspace/finish_run.ts";

const VIEWS = {
  pick: ERASE_PERSON_PICK_VIEW,
  confirm: ERASE_PERSON_CONFIRM_VIEW,
};

export const onErasedPersonChosen: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const chosen = await chooseErasedPerson(
    client,
    admin,
    new ViewState(view.state.values).choice(ERASE_PERSON_BLOCK),
    VIEWS,
  );
  if (!chosen.ok) return await answerWithErrors(client, admin, chosen);
  return { response_action: "update" as const, view: chosen.view };
};

export const onErasureConfirmed: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const admin = body.user.id;
  const requested = await requestErasure(
    client,
    admin,
    confirmedPerson(view.private_metadata),
    Math.floor(Date.now() / 1000),
  );
  if (!requested.ok) return await answerWithErrors(client, admin, requested);
  await confirmErasure(client, admin, requested);
  await finishRun(client, body, { person: requested.person });
};
