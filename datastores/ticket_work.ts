import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * The work scheduled runs and the lists people ask for look at, one item per ticket that has some: open
 * tickets, resolved ones waiting to close by themselves, JSM syncs still
 * owed, what an interrupted run left half-done (an opening, a card redraw,
 * messages to send again), and tickets changed since their report figures
 * were last filed (see report_days). Its size follows open work, not history: the scheduled run
 * removes a ticket once nothing is left to do for it, and reads the whole
 * table in one pass. Every ticket write (slack/storage/ticket_store.ts)
 * writes the ticket's item here too.
 */
export default DefineDatastore({
  name: "ticket_work",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    /** The ticket write this item was made from (tickets.rev). */
    rev: { type: Schema.types.string },
    /** The write whose figures report_days holds; differs from rev: due. */
    rolled_rev: { type: Schema.types.string },
    status: { type: Schema.types.string },
    // What My tickets and Open tickets order and filter by.
    requester: { type: Schema.slack.types.user_id },
    assignee: { type: Schema.slack.types.user_id },
    approval: { type: Schema.types.string },
    updated_at: { type: Schema.slack.types.timestamp },
    closed_at: { type: Schema.slack.types.timestamp },
    /** Why it closed, when it says more (a self-solved close is counted). */
    close_reason: { type: Schema.types.string },
    priority: { type: Schema.types.string },
    queue_id: { type: Schema.types.string },
    created_at: { type: Schema.slack.types.timestamp },
    first_response_at: { type: Schema.slack.types.timestamp },
    resolved_at: { type: Schema.slack.types.timestamp },
    response_due_at: { type: Schema.slack.types.timestamp },
    resolution_due_at: { type: Schema.slack.types.timestamp },
    rating: { type: Schema.types.integer },
    rated_at: { type: Schema.slack.types.timestamp },
    /** Saved replies sent, comma-separated "<id>@<time>" (as sla_thread_owed). */
    saved_reply_uses: { type: Schema.types.string },
    report_days: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    sla_next_check_at: { type: Schema.slack.types.timestamp },
    sla_policy_at: { type: Schema.slack.types.timestamp },
    /** Notice names, comma-separated ("" for none: updates can't unset). */
    sla_thread_owed: { type: Schema.types.string },
    jsm_sync: { type: Schema.types.string },
    jsm_retry_at: { type: Schema.slack.types.timestamp },
    // What a run left half-done (see use_cases/schedule/ticket_repair.ts).
    setup_pending: { type: Schema.types.boolean },
    card_redraw_due: { type: Schema.types.boolean },
    outbox_due: { type: Schema.types.boolean },
    release_due: { type: Schema.types.boolean },
    // What the report's export names it by; the summary is personal text,
    // gone with the item when the ticket is purged.
    key: { type: Schema.types.string },
    summary: { type: Schema.types.string },
    /** Its words are in the similar-tickets index (set by the scheduled run). */
    similar_indexed: { type: Schema.types.boolean },
    // Only on the item "~history_walk": the scheduled run's walk through
    // every ticket ever stored, which indexes an existing install (its first
    // pass) and then re-checks this index against the tickets, a page a run.
    walk_cursor: { type: Schema.types.string },
    walk_passes: { type: Schema.types.integer },
    walk_pages: { type: Schema.types.integer },
    walk_started_at: { type: Schema.slack.types.timestamp },
    walk_finished_at: { type: Schema.slack.types.timestamp },
    /** The pass under way writes the lists' fields (history_walk.ts). */
    walk_pass_lists: { type: Schema.types.boolean },
    /** A pass that wrote them has finished: the lists read this index. */
    walk_lists_ready: { type: Schema.types.boolean },
  },
});
