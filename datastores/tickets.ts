import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * One item per ticket. Times are Unix seconds (Slack's timestamp type);
 * optional ones are absent until the moment they describe has happened.
 */
export default DefineDatastore({
  name: "tickets",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    key: { type: Schema.types.string },
    summary: { type: Schema.types.string },
    description: { type: Schema.types.string },
    priority: { type: Schema.types.string },
    category: { type: Schema.types.string },
    status: { type: Schema.types.string },
    requester: { type: Schema.slack.types.user_id },
    assignee: { type: Schema.slack.types.user_id },
    source: { type: Schema.types.string },
    source_channel: { type: Schema.slack.types.channel_id },
    card_channel: { type: Schema.slack.types.channel_id },
    card_ts: { type: Schema.slack.types.message_ts },
    // "channel:ts" of the cards it had before it moved queues, oldest first.
    previous_cards: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    created_at: { type: Schema.slack.types.timestamp },
    updated_at: { type: Schema.slack.types.timestamp },
    first_response_at: { type: Schema.slack.types.timestamp },
    resolved_at: { type: Schema.slack.types.timestamp },
    closed_at: { type: Schema.slack.types.timestamp },
    close_reason: { type: Schema.types.string },
    // "start-end" in Unix seconds, "start-" while still on hold: a flat
    // string keeps the item simple to query and to read in `slack datastore`.
    holds: { type: Schema.types.array, items: { type: Schema.types.string } },
    response_due_at: { type: Schema.slack.types.timestamp },
    resolution_due_at: { type: Schema.slack.types.timestamp },
    sla_next_check_at: { type: Schema.slack.types.timestamp },
    sla_policy_at: { type: Schema.slack.types.timestamp },
    sla_notices: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    // Notices announced in a burst summary whose own thread reply is still
    // to come (paced by Slack's per-channel posting rate).
    sla_thread_owed: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    rating: { type: Schema.types.integer },
    rating_comment: { type: Schema.types.string },
    rated_at: { type: Schema.slack.types.timestamp },
    jsm_key: { type: Schema.types.string },
    jsm_url: { type: Schema.types.string },
    jsm_status: { type: Schema.types.string },
    jsm_sync: { type: Schema.types.string },
    jsm_attempts: { type: Schema.types.integer },
    jsm_retry_at: { type: Schema.slack.types.timestamp },
    jsm_create_sent: { type: Schema.types.boolean },
    jsm_create_sent_at: { type: Schema.slack.types.timestamp },
    jsm_error: { type: Schema.types.string },
    jsm_status_missed_at: { type: Schema.slack.types.timestamp },
    jira_issue_key: { type: Schema.types.string },
    jira_issue_url: { type: Schema.types.string },
    queue_id: { type: Schema.types.string },
    request_type_id: { type: Schema.types.string },
    request_type_name: { type: Schema.types.string },
    // The request type's questions and answers as JSON: their labels are the
    // admin's, so they can't be attribute names.
    answers: { type: Schema.types.string },
    private: { type: Schema.types.boolean },
    /** A private ticket's words in JSM: public, internal or none. */
    private_jsm: { type: Schema.types.string },
    approval: { type: Schema.types.string },
    approval_by: { type: Schema.slack.types.user_id },
    approval_at: { type: Schema.slack.types.timestamp },
    approval_reason: { type: Schema.types.string },
    approval_messages: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    reporter: { type: Schema.slack.types.user_id },
    source_message_ts: { type: Schema.slack.types.message_ts },
    creation_key: { type: Schema.types.string },
    setup_pending: { type: Schema.types.boolean },
    card_redraw_due: { type: Schema.types.boolean },
    updated_by: { type: Schema.slack.types.user_id },
    outbox: { type: Schema.types.array, items: { type: Schema.types.string } },
    outbox_due: { type: Schema.types.boolean },
    release_due: { type: Schema.types.boolean },
    released_keys: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    release_tries: { type: Schema.types.number },
    requester_thread: { type: Schema.types.string },
    jsm_comments: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    // Merging duplicates (helpdesk/tickets/ticket_merge.ts).
    merged_into: { type: Schema.types.string },
    merged_into_key: { type: Schema.types.string },
    merged_into_url: { type: Schema.types.string },
    jsm_duplicate_linked: { type: Schema.types.boolean },
    jsm_duplicate_of: { type: Schema.types.string },
    merged_from: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    followers: {
      type: Schema.types.array,
      items: { type: Schema.slack.types.user_id },
    },
    // Who else wrote in it through Helpdesk (helpdesk/tickets/retention.ts).
    writers: {
      type: Schema.types.array,
      items: { type: Schema.slack.types.user_id },
    },
    related: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    // Slack file ids already copied to the card's thread (or told about),
    // so a redelivered event or a retry copies nothing twice; JSM's ids of
    // Helpdesk's attachments (jsm:) and comments (jsm-comment:).
    copied_files: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    // Copies not yet attached to the JSM request, as JSON {id, name,
    // public}; the JSM sync attaches them in order.
    jsm_files: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    last_reply: { type: Schema.types.string },
    saved_reply_uses: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    // Kept by slack/storage/ticket_store.ts: which write this is (the open
    // work index names the write it was made from), and the UTC days whose
    // report_days items hold this ticket's figures.
    rev: { type: Schema.types.string },
    report_days: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    // Who changed what and when (helpdesk/tickets/ticket_history.ts): the
    // newest entries as compact JSON, and how many older ones were dropped.
    history: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    history_dropped: { type: Schema.types.integer },
  },
});
