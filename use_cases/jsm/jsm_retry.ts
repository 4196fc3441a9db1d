// The scheduled retry: every ticket whose JSM sync is pending and due gets
// another attempt, searching JSM before any create (a ticket only gets here
// when an earlier attempt did not finish). The scheduled run's pass over the
// open work index finds them (use_cases/schedule/scheduled_run.ts) and hands
// their ids to this step, longest waiting first: nothing here scans the
// tickets. When JSM itself is failing (down, rate limiting, refusing the
// credentials), or Slack or the run's budget says "not now", the run stops
// at the first such failure: the other tickets keep their turn for the next
// run instead of each burning the time limit on the same outage. Any other
// failure is that ticket's own, and the run goes on with the next one. A
// ticket that missed a status JSM set follows the request's status first
// (jsm_status_catch_up.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { JsmClient } from "../../integrations/jsm/jsm_client.ts";
import type { JsmConfig } from "../../integrations/jsm/jsm_config.ts";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";
import { syncTicketToJsm } from "./jsm_sync.ts";
import { missedStatusFollower } from "./jsm_status_catch_up.ts";
import { isCarryOver } from "../../slack/api/call_budget.ts";

export interface JsmRetryReport {
  due: number;
  synced: number;
  stillPending: number;
  /** False when the run stopped early; the next run continues. */
  finished: boolean;
  /** Why it stopped early, for the log. */
  stoppedBecause?: string;
}

export interface JsmRetryDeps {
  client: SlackAPIClient;
  /** The tickets due, in the order to try them. */
  ticketIds: readonly string[];
  jsm: JsmClient;
  config: JsmConfig;
  /** Unix seconds. */
  now: number;
  /** Epoch ms after which no new ticket is started. */
  stopStartingAt: number;
  clock?: () => number;
  /** The run's token, for the files tickets queued for JSM. */
  slackToken?: string;
}

export async function retryPendingJsmSyncs(
  deps: JsmRetryDeps,
): Promise<JsmRetryReport> {
  const clock = deps.clock ?? Date.now;
  const due = [...new Set(deps.ticketIds)];
  const report: JsmRetryReport = {
    due: due.length,
    synced: 0,
    stillPending: 0,
    finished: true,
  };
  const followMissedStatus = missedStatusFollower(deps.client, deps.now);
  for (const [index, id] of due.entries()) {
    if (clock() >= deps.stopStartingAt) {
      return stop(report, due.length - index, "out of time");
    }
    let outcome;
    try {
      outcome = await syncTicketToJsm(
        { ...deps, searchFirst: true, followMissedStatus },
        id,
      );
    } catch (error) {
      if (!isCarryOver(error)) throw error;
      return stop(report, due.length - index, String(error));
    }
    if (outcome.state === "pending") {
      report.stillPending++;
      if (jsmIsFailing(outcome.error)) {
        return stop(report, due.length - index - 1, outcome.reason);
      }
    } else if (outcome.state !== "missing") report.synced++;
  }
  return report;
}

function stop(
  report: JsmRetryReport,
  untried: number,
  because: string,
): JsmRetryReport {
  return {
    ...report,
    stillPending: report.stillPending + untried,
    finished: untried === 0,
    stoppedBecause: because,
  };
}

/** Failures that are about JSM or our access to it, not this one ticket. */
function jsmIsFailing(error: unknown): boolean {
  // No error: the ticket waits for JSM's search to catch up (jsm_sync.ts).
  // Not JSM's: this ticket's own (a record Slack refused); Slack saying
  // "not now" to the whole run is a carry-over, which stops it above.
  if (!(error instanceof JsmError)) return false;
  const code = error.code === "gave_up" ? error.lastCode : error.code;
  return code !== "bad_request" && code !== "not_found";
}
