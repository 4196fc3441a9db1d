import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * The Jira Service Management updates Helpdesk applied (or is applying), so
 * that JSM sending one again changes nothing: one item per event, its id
 * from integrations/jsm/webhook_payload.ts (`comment:IT-1:10042`). An item
 * counts only until `expires_at`, which the code checks itself; Helpdesk
 * deletes a few expired items on each update it receives
 * (slack/storage/jsm_event_store.ts), so the store stays about a week's
 * worth of updates.
 */
export default DefineDatastore({
  name: "jsm_events",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    /** "claimed" while a run applies it, "done" once applied. */
    state: { type: Schema.types.string },
    /** The run holding it: the one whose claim is stored goes ahead. */
    claim: { type: Schema.types.string },
    claimed_at: { type: Schema.slack.types.timestamp },
    expires_at: { type: Schema.slack.types.timestamp },
  },
});
