// Configure Helpdesk: opens its form on what is saved, for those who may
// change it; modals.ts handles the save.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import ConfigureHelpdeskFunction, {
  HELPDESK_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { onHelpdeskFormClosed, onHelpdeskSubmitted } from "./modals.ts";
import { openHelpdeskForm } from "../../use_cases/settings/helpdesk_form.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ConfigureHelpdeskFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openHelpdeskForm(
        client,
        admin,
        inputs.interactivity.interactivity_pointer,
        HELPDESK_VIEW_CALLBACK_ID,
      );
      // Finished by the modal's submission or closing handler.
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_helpdesk failed",
        tell: { user: admin },
        what: "Helpdesk couldn't show its settings.",
      });
    }
  },
).addViewSubmissionHandler(
  HELPDESK_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(onHelpdeskSubmitted),
)
  .addViewClosedHandler(HELPDESK_VIEW_CALLBACK_ID, onHelpdeskFormClosed);
