import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * One item per queue, edited with the "Configure a queue" workflow. Roles are
 * kept as entered (people, user group and channel IDs, `${macros}`) and
 * expanded when used; see helpdesk/queues/role_entries.ts. The queue "default" is the
 * one "Configure Helpdesk" sets up.
 */
export default DefineDatastore({
  name: "queues",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    name: { type: Schema.types.string },
    triage_channel: { type: Schema.slack.types.channel_id },
    /** Channels where a :ticket: reaction turns a message into a ticket. */
    intake_channels: {
      type: Schema.types.array,
      items: { type: Schema.slack.types.channel_id },
    },
    owner: { type: Schema.slack.types.user_id },
    members: { type: Schema.types.array, items: { type: Schema.types.string } },
    admins: { type: Schema.types.array, items: { type: Schema.types.string } },
    superusers: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    /** Its own holidays, one a line, e.g. "2026-12-26 Boxing Day". */
    holidays: { type: Schema.types.string },
    /** When its holidays last changed. */
    sla_updated_at: { type: Schema.slack.types.timestamp },
    updated_by: { type: Schema.slack.types.user_id },
    updated_at: { type: Schema.slack.types.timestamp },
  },
});
