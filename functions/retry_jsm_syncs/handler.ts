import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RetryJsmSyncsFunction from "./definition.ts";
import {
  connectToJsm,
  JSM_BUDGET_MS,
} from "../../use_cases/jsm/jsm_connection.ts";
import { retryPendingJsmSyncs } from "../../use_cases/jsm/jsm_retry.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";

/** One ticket's attempts, retries included, in a scheduled run. */
export const PER_TICKET_MS = 3_000;

/**
 * This step's share of each Slack method's rate tier: it runs right after
 * the SLA check (which takes 60%), in the same minute.
 */
export const JSM_RETRY_SHARE = 0.3;

export default SlackFunction(
  RetryJsmSyncsFunction,
  async ({ inputs, env, client: unpaced }) => {
    const started = Date.now();
    const client = new CallBudget({
      deadline: started + JSM_BUDGET_MS,
      share: JSM_RETRY_SHARE,
    }).wrap(unpaced);
    const connection = await connectToJsm(
      client,
      env,
      inputs.jsm_access_token,
      { deadlineMs: PER_TICKET_MS, deadlineAt: started + JSM_BUDGET_MS },
    );
    if (!connection.ok) return { error: connection.problem };
    const report = await retryPendingJsmSyncs({
      client,
      ticketIds: inputs.ticket_ids ?? [],
      jsm: connection.jsm,
      config: connection.config,
      now: Math.floor(started / 1000),
      // A ticket started later could not finish inside the budget.
      stopStartingAt: started + JSM_BUDGET_MS - PER_TICKET_MS,
    });
    if (report.stoppedBecause) {
      console.warn(
        `JSM retry stopped with ${report.stillPending} pending: ${report.stoppedBecause}`,
      );
    }
    return {
      outputs: {
        due: report.due,
        synced: report.synced,
        still_pending: report.stillPending,
        finished: report.finished,
      },
    };
  },
);
