import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * Finds a ticket by something other than its id in one `get` instead of a
 * table scan: `key:HD-7K3QX2` for the human key (which is also how a new key
 * is checked for collisions), `card:C123:1700000000.000100` for the triage
 * card a reaction or button was used on.
 */
export default DefineDatastore({
  name: "ticket_lookup",
  primary_key: "lookup",
  attributes: {
    lookup: { type: Schema.types.string },
    ticket_id: { type: Schema.types.string },
  },
});
