import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RetryJsmSyncsFunction from "./definition.ts";
import { retryDueJsmSyncs } from "../../use_cases/jsm/jsm_steps.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";

export default SlackFunction(
  RetryJsmSyncsFunction,
  async ({ inputs, env, client, token }) => {
    const retried = await retryDueJsmSyncs(client, {
      env,
      tokenId: inputs.jsm_access_token,
      ticketIds: inputs.ticket_ids ?? [],
      slackToken: filesEnabled(env) ? token : undefined,
    });
    if (!retried.ok) return { error: retried.problem };
    const { report } = retried;
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
