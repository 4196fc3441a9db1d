// The modal of the report's scope: the queue and span chosen end the run
// with them, for the report step; closing it asks for no report.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import { chosenScope } from "../../slack/blocks/report_scope_modal.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { failRunOnClose, finishRun } from "../../slack/workspace/finish_run.ts";

export const onScopeChosen: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const { queue, days } = chosenScope(new ViewState(view.state.values));
  await finishRun(client, body, { queue_id: queue, days });
};

// Closed: no report, and nothing after it runs.
export const onScopeClosed: ViewClosedHandler = failRunOnClose(
  "The report was closed without asking for one.",
);
