// Erase a person: opens the picker for Helpdesk's admins; the modals
// (modals.ts) confirm whom and record the request.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import ErasePersonFunction, {
  ERASE_PERSON_CONFIRM_VIEW,
  ERASE_PERSON_PICK_VIEW,
} from "./definition.ts";
import { onErasedPersonChosen, onErasureConfirmed } from "./modals.ts";
import { openErasureForm } from "../../use_cases/settings/erasure_request.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ErasePersonFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openErasureForm(
        client,
        admin,
        inputs.interactivity.interactivity_pointer,
        { pick: ERASE_PERSON_PICK_VIEW, confirm: ERASE_PERSON_CONFIRM_VIEW },
      );
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "erase_person failed",
        tell: { user: admin },
        what: "Helpdesk couldn't open Erase a person.",
      });
    }
  },
).addViewSubmissionHandler(
  ERASE_PERSON_PICK_VIEW,
  submissionAnsweredInTime(onErasedPersonChosen),
)
  .addViewSubmissionHandler(
    ERASE_PERSON_CONFIRM_VIEW,
    submissionAnsweredInTime(onErasureConfirmed),
  )
  .addViewClosedHandler(ERASE_PERSON_PICK_VIEW, finishRunOnClose)
  .addViewClosedHandler(ERASE_PERSON_CONFIRM_VIEW, finishRunOnClose);
