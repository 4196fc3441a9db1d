import { SlackFunction } from "deno-slack-sdk/mod.ts";
import SyncTicketToJsmFunction from "./definition.ts";
import {
  connectToJsm,
  JSM_BUDGET_MS,
} from "../../use_cases/jsm/jsm_connection.ts";
import { syncTicketToJsm } from "../../use_cases/jsm/jsm_sync.ts";

export default SlackFunction(
  SyncTicketToJsmFunction,
  async ({ inputs, env, client }) => {
    const ticketId = inputs.ticket_id?.trim();
    if (!ticketId) return { outputs: { sync_state: "skipped" } };
    const connection = await connectToJsm(
      client,
      env,
      inputs.jsm_access_token,
      { deadlineAt: Date.now() + JSM_BUDGET_MS },
    );
    if (!connection.ok) return { error: connection.problem };
    const outcome = await syncTicketToJsm(
      {
        client,
        jsm: connection.jsm,
        config: connection.config,
        now: Math.floor(Date.now() / 1000),
        createIfMissing: inputs.create_if_missing !== false,
      },
      ticketId,
    );
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
