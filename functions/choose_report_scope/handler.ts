// Choose a report's scope: which queue (of those the person may see) and
// over how many days; modals.ts hands the choice to the report step.
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { submissionAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import ChooseReportScopeFunction, {
  REPORT_SCOPE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { onScopeChosen, onScopeClosed } from "./modals.ts";
import { openReportScopeChoice } from "../../use_cases/reports/report_request.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import { exportEnabled } from "../../integrations/deployment/deployment_options.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ChooseReportScopeFunction,
  async ({ inputs, client, env }) => {
    const asker = actingPerson(inputs.interactivity);
    if (!asker) return { error: NO_ACTING_PERSON };
    try {
      const opened = await openReportScopeChoice(
        client,
        asker,
        inputs.interactivity.interactivity_pointer,
        REPORT_SCOPE_VIEW_CALLBACK_ID,
        exportEnabled(env),
      );
      return opened ? { completed: false as const } : { outputs: {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "choose_report_scope failed",
        tell: { user: asker },
        what: "The Helpdesk report could not be made.",
      });
    }
  },
).addViewSubmissionHandler(
  REPORT_SCOPE_VIEW_CALLBACK_ID,
  submissionAnsweredInTime(onScopeChosen),
)
  .addViewClosedHandler(REPORT_SCOPE_VIEW_CALLBACK_ID, onScopeClosed);
