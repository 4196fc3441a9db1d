// Configure a request type: opens the picker of the request types of the
// queues the person may change; modals.ts handles what follows.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import ConfigureRequestTypeFunction, {
  TYPE_CHOICE_VIEW_CALLBACK_ID,
  TYPE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  onRequestTypeChosen,
  onRequestTypeFormClosed,
  onRequestTypeSubmitted,
} from "./modals.ts";
import { openRequestTypeForm } from "../../use_cases/settings/request_type_form.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ConfigureRequestTypeFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openRequestTypeForm(
        client,
        admin,
        inputs.interactivity.interactivity_pointer,
        TYPE_CHOICE_VIEW_CALLBACK_ID,
      );
      // Finished by the modal's submission or closing handler.
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_request_type failed",
        tell: { user: admin },
        what: "Helpdesk couldn't show the request types.",
      });
    }
  },
).addViewSubmissionHandler(
  TYPE_CHOICE_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(onRequestTypeChosen),
)
  .addViewSubmissionHandler(
    TYPE_VIEW_CALLBACK_ID,
    submissionAnsweredInTime(onRequestTypeSubmitted),
  )
  .addViewClosedHandler(TYPE_CHOICE_VIEW_CALLBACK_ID, onRequestTypeFormClosed)
  .addViewClosedHandler(TYPE_VIEW_CALLBACK_ID, onRequestTypeFormClosed);
