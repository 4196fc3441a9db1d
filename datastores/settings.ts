import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * Helpdesk's configuration, set with the "Configure Helpdesk" shortcut so that
 * changing the triage channel or the agents needs no redeploy. One item, id
 * "helpdesk".
 */
export default DefineDatastore({
  name: "settings",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    triage_channel: { type: Schema.slack.types.channel_id },
    agent_users: {
      type: Schema.types.array,
      items: { type: Schema.slack.types.user_id },
    },
    agent_usergroup: { type: Schema.slack.types.usergroup_id },
    /** e.g. https://acme.slack.com/, to build card links without a call. */
    workspace_url: { type: Schema.types.string },
    /** The link trigger behind the card's buttons (see triggers/). */
    action_trigger_id: { type: Schema.types.string },
    action_trigger_url: { type: Schema.types.string },
    /**
     * Written by earlier versions; the reaction triggers are now found
     * through workflows.triggers.list (use_cases/settings/channel_triggers.ts).
     */
    reaction_trigger_id: { type: Schema.types.string },
    // Service levels, kept as the text the admin typed (re-read by
    // helpdesk/tickets/service_levels.ts) so the form shows it back unchanged.
    sla_targets: { type: Schema.types.string },
    sla_request_types: { type: Schema.types.string },
    business_hours: { type: Schema.types.string },
    /** Holidays for the whole desk, e.g. "2026-12-25 Christmas", one a line. */
    holidays: { type: Schema.types.string },
    time_zone: { type: Schema.types.string },
    sla_warn_percent: { type: Schema.types.integer },
    /** Who breaches escalate to; the person who set Helpdesk up if unset. */
    owner: { type: Schema.slack.types.user_id },
    /** When service levels last changed: older deadlines get recomputed. */
    sla_updated_at: { type: Schema.slack.types.timestamp },
    /** Who saved the service levels last. */
    sla_updated_by: { type: Schema.slack.types.user_id },
    /** Resolved tickets close after this many days; 0 never. */
    auto_close_days: { type: Schema.types.integer },
    /** A closed ticket can be reopened for this many days; 0 never. */
    reopen_days: { type: Schema.types.integer },
    /** Scheduled triggers: the SLA sweeps and the weekly digest. */
    sweep_trigger_ids: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    digest_trigger_id: { type: Schema.types.string },
    /** The link trigger behind the rating buttons in requesters' DMs. */
    rating_trigger_id: { type: Schema.types.string },
    rating_trigger_url: { type: Schema.types.string },
    /** The reaction that makes a ticket of a message, e.g. "ticket". */
    intake_emoji: { type: Schema.types.string },
    /** Written by earlier versions, like reaction_trigger_id. */
    intake_trigger_id: { type: Schema.types.string },
    /**
     * Helpdesk's admins: the people who may change Helpdesk-wide settings.
     * Absent in settings saved before there were admins (see
     * helpdesk/helpdesk_admins.ts for who they are then).
     */
    admins: {
      type: Schema.types.array,
      items: { type: Schema.slack.types.user_id },
    },
    /** Closed tickets are purged this many days after closing; 0 never. */
    retention_days: { type: Schema.types.integer },
    updated_by: { type: Schema.slack.types.user_id },
    updated_at: { type: Schema.slack.types.timestamp },
    /**
     * Only on the items "erasure/<user id>" (a person's erasure, asked for by
     * one of Helpdesk's admins and carried out by the scheduled runs) and
     * "retention" (where the purge stands): their state as JSON, see
     * slack/storage/erasure_store.ts. Here for the same reason as below.
     */
    job: { type: Schema.types.string },
    /**
     * Only on the items "saved_replies/<queue id>": that queue's saved
     * replies, each a JSON string {id, title, text}, at most 50 (see
     * helpdesk/queues/saved_replies.ts), read by id. They live here because
     * an app has at most 10 datastores, all taken.
     */
    saved_replies: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
  },
});
