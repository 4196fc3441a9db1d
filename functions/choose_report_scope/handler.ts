import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import ChooseReportScopeFunction, {
  REPORT_SCOPE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import { reportScopeFor } from "../../use_cases/reports/report_access.ts";
import { failRunOnClose, finishRun } from "../../slack/workspace/finish_run.ts";
import {
  chosenScope,
  reportScopeModal,
} from "../../slack/blocks/report_scope_modal.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ChooseReportScopeFunction,
  async ({ inputs, client }) => {
    const asker = actingPerson(inputs.interactivity);
    if (!asker) return { error: NO_ACTING_PERSON };
    try {
      const { settings, queues } = await settingsAndQueues(client);
      // Nothing to choose from: the report step says why (not set up, or
      // not theirs to see), privately.
      if (!settings) return { outputs: {} };
      const scope = await reportScopeFor(client, settings, queues, asker);
      if (scope.kind === "refused") return { outputs: {} };
      await slackCall(client, "views.open", {
        interactivity_pointer: inputs.interactivity.interactivity_pointer,
        view: reportScopeModal(
          scope.kind === "all" ? queues : scope.queues,
          scope.kind === "all",
          REPORT_SCOPE_VIEW_CALLBACK_ID,
        ),
      });
      return { completed: false as const };
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
  async ({ body, view, client }) => {
    const { queue, days } = chosenScope(new ViewState(view.state.values));
    await finishRun(client, body, { queue_id: queue, days });
  },
).addViewClosedHandler(
  REPORT_SCOPE_VIEW_CALLBACK_ID,
  // Closed: no report, and nothing after it runs.
  failRunOnClose("The report was closed without asking for one."),
);
