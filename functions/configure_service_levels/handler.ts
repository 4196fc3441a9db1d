// Service levels: opens their form on what is saved, for Helpdesk's
// admins; modals.ts handles the save.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import ConfigureServiceLevelsFunction, {
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  onServiceLevelsFormClosed,
  onServiceLevelsSubmitted,
} from "./modals.ts";
import { openServiceLevelsForm } from "../../use_cases/settings/service_levels_setup.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ConfigureServiceLevelsFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openServiceLevelsForm(
        client,
        admin,
        inputs.interactivity.interactivity_pointer,
        SERVICE_LEVEL_VIEW_CALLBACK_ID,
      );
      // Finished by the modal's submission or closing handler.
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_service_levels failed",
        tell: { user: admin },
      });
    }
  },
).addViewSubmissionHandler(
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(onServiceLevelsSubmitted),
).addViewClosedHandler(
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
  onServiceLevelsFormClosed,
);
