import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * Who holds each reaction lock (see slack/storage/reaction_claim.ts and
 * ticket_lock.ts). The lock itself is Helpdesk's reaction; the record says
 * which run took it, so that a run removes only a reaction it knows it
 * holds, waiting runs can watch it instead of asking Slack for the reaction
 * again and again, and a run that died holding it can be told from a live
 * one.
 */
export default DefineDatastore({
  name: "locks",
  primary_key: "id",
  attributes: {
    /**
     * "ticket:<ticket id>", "mark:<emoji>:<channel>:<ts>", or for the
     * ticket mark "mark:<channel>:<ts>", "told:<channel>:<ts>", the hour
     * index of those "told-hour:<hour start>", and where their clearing is,
     * "told-swept" and "told-scan" (see slack/storage/intake_mark.ts,
     * told_index.ts); "work-hour:<hour start>", the tickets whose open work
     * entry was not written (slack/storage/hour_ids.ts); "card-scan:<channel>",
     * how far the look for cards of tickets never saved has read that
     * triage channel (slack/storage/card_scan_store.ts)
     */
    id: { type: Schema.types.string },
    taken_at: { type: Schema.slack.types.timestamp },
    /** The run holding it: its own token, never shared with another run. */
    holder: { type: Schema.types.string },
    /**
     * "held" while its holder works; "releasing" once the holder is done,
     * written before the reaction is taken back; "stuck" when the holder
     * could not take the reaction back (nobody holds it: the next run may
     * adopt it).
     */
    state: { type: Schema.types.string },
    /**
     * For a ticket: the newest revision its holders wrote, so that the next
     * holder reads the ticket until it sees at least that one.
     */
    rev: { type: Schema.types.string },
    /**
     * For a ticket deleted by its last holder: why ("retention:<days>" or
     * "erasure"), so that a run that waited for the lock tells its person
     * the ticket was removed instead of that Slack lags behind.
     */
    removed: { type: Schema.types.string },
    /**
     * For a "told:" record: the DM (its "<channel> <ts>") that told the
     * reactor no ticket was made, for the run that made one to edit.
     * Absent when they were told in an ephemeral, which can't be edited.
     * For a relay mark ("mark:envelope_with_arrow:…"), "not done" once a
     * run that failed told the writer their message was not passed on, for
     * the run that passes it on after all to say so.
     */
    told_in: { type: Schema.types.string },
    /**
     * For a "told-hour:" index: the ids of the "told:" items written in
     * that hour, for the scheduled run to delete once they are expired; for
     * a "work-hour:" list, the ticket ids whose entry it writes.
     */
    /**
     * For "told-scan": where the slow look over `locks` is; for
     * "card-scan:": the message timestamps the look is at.
     */
    scan_cursor: { type: Schema.types.string },
    told_ids: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
  },
});
