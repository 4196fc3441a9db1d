// What a JSM sync needs (jsm_sync.ts), in a module of its own so that the
// comment sync, which the sync calls, can name it without importing back.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { JsmClient } from "../../integrations/jsm/jsm_client.ts";
import type { JsmConfig } from "../../integrations/jsm/jsm_config.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/**
 * Makes the ticket follow JSM's status, read just now, that its webhook
 * could not apply (jsm_status_catch_up.ts): the ticket as it is then, or
 * why not yet.
 */
export type MissedStatusFollower = (
  ticket: Ticket,
  jsmStatus: string,
) => Promise<{ ok: true; ticket: Ticket } | { ok: false; reason: string }>;

export interface JsmSyncDeps {
  client: SlackAPIClient;
  jsm: JsmClient;
  config: JsmConfig;
  /** Unix seconds. */
  now: number;
  /**
   * Search JSM before any create. The scheduled retry always does: it only
   * sees tickets an earlier attempt did not finish (some from versions that
   * did not record a create before sending it).
   */
  searchFirst?: boolean;
  /**
   * False after a change to an existing ticket (a card button or reaction):
   * such a sync moves a linked request but never creates one, which is left
   * to the step that opened the ticket and to the scheduled retry. Two runs
   * that could both create would race: datastores have no conditional
   * write to let only one of them record the create.
   */
  createIfMissing?: boolean;
  /**
   * The run's token, to read back the files a ticket queued for JSM
   * (downloading a Slack file takes the token itself, not the client).
   */
  slackToken?: string;
  /**
   * Given by the scheduled retry: a ticket that missed a status JSM set
   * follows the request's status first, so its older status is never sent
   * over JSM's. Without it (the sync step) JSM's status is left as it is.
   */
  followMissedStatus?: MissedStatusFollower;
}
