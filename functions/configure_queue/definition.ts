import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export default DefineFunction({
  callback_id: "configure_queue",
  title: "Configure a Helpdesk queue",
  description:
    "Create a queue or change one: its triage channel, intake channels and roles",
  source_file: "functions/configure_queue/handler.ts",
  input_parameters: {
    properties: {
      name: { type: Schema.types.string, title: "Queue name" },
      triage_channel: {
        type: Schema.slack.types.channel_id,
        title: "Triage channel",
      },
      intake_channels: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.channel_id },
        title: "Intake channels",
      },
      owner: { type: Schema.slack.types.user_id, title: "Owner" },
      member_people: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
        title: "Members",
      },
      member_group: {
        type: Schema.slack.types.usergroup_id,
        title: "Member user group",
      },
      member_channels: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.channel_id },
        title: "Member channels",
      },
      admin_people: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
        title: "Admins",
      },
      superuser_people: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
        title: "Superusers",
      },
      role_rules: { type: Schema.types.string, title: "Role rules" },
      admin: { type: Schema.slack.types.user_id, title: "Changed by" },
    },
    required: ["name", "triage_channel", "admin"],
  },
  output_parameters: {
    properties: {
      queue_id: { type: Schema.types.string, title: "Queue id" },
    },
    required: [],
  },
});
