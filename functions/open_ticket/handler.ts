// Open a ticket: shows the request form; modals.ts handles what follows.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import OpenTicketFunction from "./definition.ts";
import { onDetailsSubmitted, onFormClosed, onKindChosen } from "./modals.ts";
import { openRequestForm } from "../../use_cases/opening/request_form.ts";
import {
  CHOOSE_TYPE_VIEW,
  DETAILS_VIEW,
} from "../../slack/blocks/request_form.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  OpenTicketFunction,
  async ({ inputs, client, env }) => {
    const requester = actingPerson(inputs.interactivity);
    if (!requester) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openRequestForm(
        client,
        requester,
        inputs.interactivity.interactivity_pointer,
        { files: filesEnabled(env) },
      );
      // Finished by the modal's submission or closing handler.
      return opened.ok ? { completed: false } : { error: opened.error };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "open_ticket failed",
        tell: { user: requester },
        what: "Helpdesk couldn't show the form.",
      });
    }
  },
).addViewSubmissionHandler(
  CHOOSE_TYPE_VIEW,
  submissionAnsweredInTime(onKindChosen),
)
  .addViewSubmissionHandler(
    DETAILS_VIEW,
    submissionAnsweredInTime(onDetailsSubmitted),
  )
  .addViewClosedHandler(CHOOSE_TYPE_VIEW, onFormClosed)
  .addViewClosedHandler(DETAILS_VIEW, onFormClosed);
