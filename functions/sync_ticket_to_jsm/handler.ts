import { SlackFunction } from "deno-slack-sdk/mod.ts";
import SyncTicketToJsmFunction from "./definition.ts";
import { syncOneTicket } from "../../use_cases/jsm/jsm_steps.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";

export default SlackFunction(
  SyncTicketToJsmFunction,
  async ({ inputs, env, client, token }) => {
    const ticketId = inputs.ticket_id?.trim();
    if (!ticketId) return { outputs: { sync_state: "skipped" } };
    const synced = await syncOneTicket(client, {
      env,
      tokenId: inputs.jsm_access_token,
      ticketId,
      createIfMissing: inputs.create_if_missing !== false,
      slackToken: filesEnabled(env) ? token : undefined,
    });
    if (!synced.ok) return { error: synced.problem };
    const { outcome } = synced;
    if (outcome.state === "missing") {
      return { error: `No Helpdesk ticket has the id "${ticketId}".` };
    }
    // Pending is not an error: the ticket exists, and the retry will finish
    // the sync. Failing the step would tell the requester their ticket failed.
    const { ticket } = outcome;
    return {
      outputs: {
        sync_state: outcome.state === "pending" ? "pending" : "synced",
        ...(ticket.jsm_key ? { jsm_key: ticket.jsm_key } : {}),
        ...(ticket.jsm_url ? { jsm_url: ticket.jsm_url } : {}),
        ...(outcome.state === "pending" ? { problem: outcome.reason } : {}),
      },
    };
  },
);
