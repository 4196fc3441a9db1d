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
    /** The event trigger for :eyes: and :white_check_mark: on cards. */
    reaction_trigger_id: { type: Schema.types.string },
    updated_by: { type: Schema.slack.types.user_id },
    updated_at: { type: Schema.slack.types.timestamp },
  },
});
