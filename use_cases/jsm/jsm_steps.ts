// The two JSM steps' runs, each within JSM_BUDGET_MS: connect to JSM with
// the run's env and token (jsm_connection.ts), then sync the one ticket the
// workflow names (jsm_sync.ts) or retry the ones the scheduled run found due
// (jsm_retry.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";
import { connectToJsm, JSM_BUDGET_MS } from "./jsm_connection.ts";
import { type JsmSyncOutcome } from "./jsm_sync_outcome.ts";
import { syncTicketToJsm } from "./jsm_sync.ts";
import { type JsmRetryReport, retryPendingJsmSyncs } from "./jsm_retry.ts";

type Env = Record<string, string | undefined>;

/** One ticket's attempts, retries included, in a scheduled run. */
export const PER_TICKET_MS = 3_000;

/**
 * The retry step's share of each Slack method's rate tier: it runs right
 * after the SLA check (which takes 60%), in the same minute.
 */
export const JSM_RETRY_SHARE = 0.3;

/** The sync step: the ticket's JSM request made or moved, or pending. */
export async function syncOneTicket(
  client: SlackAPIClient,
  step: {
    env: Env;
    tokenId?: string;
    ticketId: string;
    createIfMissing: boolean;
    /** The run's token: files queued for JSM are read with it. */
    slackToken?: string;
  },
): Promise<
  { ok: true; outcome: JsmSyncOutcome } | { ok: false; problem: string }
> {
  const connection = await connectToJsm(client, step.env, step.tokenId, {
    deadlineAt: Date.now() + JSM_BUDGET_MS,
  });
  if (!connection.ok) return connection;
  const outcome = await syncTicketToJsm(
    {
      client,
      jsm: connection.jsm,
      config: connection.config,
      now: Math.floor(Date.now() / 1000),
      createIfMissing: step.createIfMissing,
      slackToken: step.slackToken,
    },
    step.ticketId,
  );
  return { ok: true, outcome };
}

/** The retry step: as many of the due tickets as its budget allows. */
export async function retryDueJsmSyncs(
  unpaced: SlackAPIClient,
  step: {
    env: Env;
    tokenId?: string;
    ticketIds: readonly string[];
    slackToken?: string;
  },
): Promise<
  { ok: true; report: JsmRetryReport } | { ok: false; problem: string }
> {
  const started = Date.now();
  const client = new CallBudget({
    deadline: started + JSM_BUDGET_MS,
    share: JSM_RETRY_SHARE,
  }).wrap(unpaced);
  const connection = await connectToJsm(client, step.env, step.tokenId, {
    deadlineMs: PER_TICKET_MS,
    deadlineAt: started + JSM_BUDGET_MS,
  });
  if (!connection.ok) return connection;
  const report = await retryPendingJsmSyncs({
    client,
    ticketIds: step.ticketIds,
    jsm: connection.jsm,
    config: connection.config,
    now: Math.floor(started / 1000),
    slackToken: step.slackToken,
    // A ticket started later could not finish inside the budget.
    stopStartingAt: started + JSM_BUDGET_MS - PER_TICKET_MS,
  });
  if (report.stoppedBecause) {
    console.warn(
      `JSM retry stopped with ${report.stillPending} pending: ${report.stoppedBecause}`,
    );
  }
  return { ok: true, report };
}
