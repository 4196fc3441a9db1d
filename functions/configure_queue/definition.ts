import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export default DefineFunction({
  callback_id: "configure_queue",
  title: "Configure a Helpdesk queue",
  description:
    "Create a queue or change one: its triage channel, intake channels and roles",
  source_file: "functions/configure_queue/handler.ts",
  input_parameters: {
    properties: {
      name: {
        type: Schema.types.string,
        title: "Queue name",
        description: "An existing queue's name changes it; a new one makes one",
      },
      new_name: {
        type: Schema.types.string,
        title: "Rename it to",
        description: "Optional: the queue's new name, kept by its id",
      },
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
      // Who saves it is the form's submitter, set by Slack
      // (slack/operations/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["name", "triage_channel", "interactivity"],
  },
  output_parameters: {
    properties: {
      queue_id: { type: Schema.types.string, title: "Queue id" },
    },
    required: [],
  },
});
