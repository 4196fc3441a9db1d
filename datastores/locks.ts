import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * When each ticket's lock was last taken (see slack/storage/ticket_lock.ts).
 * The lock itself is a reaction; this only lets a run that finds it held for
 * long tell a live holder from one that died holding it.
 */
export default DefineDatastore({
  name: "locks",
  primary_key: "id",
  attributes: {
    /** "ticket:<ticket id>" */
    id: { type: Schema.types.string },
    taken_at: { type: Schema.slack.types.timestamp },
    /** The function execution holding it, for the logs. */
    holder: { type: Schema.types.string },
  },
});
