import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * Finds a ticket by something other than its id in one `get` instead of a
 * table scan: `key:HD-7K3QX2` for the human key (which is also how a new key
 * is checked for collisions), `card:C123:1700000000.000100` for the triage
 * card a reaction or button was used on, and the similar-tickets index.
 */
export default DefineDatastore({
  name: "ticket_lookup",
  primary_key: "lookup",
  attributes: {
    lookup: { type: Schema.types.string },
    ticket_id: { type: Schema.types.string },
    // The closed-tickets index (slack/storage/closed_index.ts) uses
    // `postings` too: `closed:<day>` the ids of tickets closed that UTC day,
    // `person:<user>` those naming the person (in parts of bounded size,
    // slack/storage/person_lists.ts), `closed:` the days that have any. Retention and erasure read it by key.
    // The similar-tickets index (slack/storage/similar_index.ts), read by
    // key like every lookup: `similar:<queue>:<term>` holds the term's
    // newest postings ("<ticket id>:<tf>:<length>") and how many solved
    // tickets ever had it; `similar:<queue>:` (no term) the queue's counts.
    postings: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    df: { type: Schema.types.integer },
    docs: { type: Schema.types.integer },
    total_length: { type: Schema.types.integer },
  },
});
