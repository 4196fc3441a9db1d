// The modal of the report's scope: the queue and span chosen end the run
// with them, for the report step; closing it asks for no report. Dates
// that make no range are refused under the date, before the run ends.
import type {
  ViewClosedHandler,
  ViewSubmissionHandler,
} from "../modal_handlers.ts";
import {
  chosenScope,
  FROM_BLOCK,
  TO_BLOCK,
} from "../../slack/blocks/report_scope_modal.ts";
import { checkRange } from "../../helpdesk/reports/report_export.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { failRunOnClose, finishRun } from "../../slack/workspace/finish_run.ts";

export const onScopeChosen: ViewSubmissionHandler = async (
  { body, view, client },
) => {
  const { queue, days, range, exportCsv } = chosenScope(
    new ViewState(view.state.values),
  );
  if (range) {
    const now = Math.floor(Date.now() / 1000);
    const checked = checkRange(range.from, range.to, now);
    if (!checked.ok) {
      const { from, to } = checked.problems;
      return {
        response_action: "errors",
        errors: {
          ...(from ? { [FROM_BLOCK]: from } : {}),
          ...(to ? { [TO_BLOCK]: to } : {}),
        },
      };
    }
  }
  await finishRun(client, body, {
    queue_id: queue,
    days,
    ...(range ? { from_day: range.from, to_day: range.to } : {}),
    export_csv: exportCsv,
  });
};

// Closed: no report, and nothing after it runs.
export const onScopeClosed: ViewClosedHandler = failRunOnClose(
  "The report was closed without asking for one.",
);
