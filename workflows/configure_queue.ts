import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureQueueFunction from "../functions/configure_queue/definition.ts";

/**
 * "Configure a queue": a queue's channels and roles. Saving a queue under an
 * existing name replaces its settings (and "Rename it to" renames it); the
 * confirmation DM lists them.
 */
const ConfigureQueueWorkflow = DefineWorkflow({
  callback_id: "configure_queue",
  title: "Configure a queue",
  description: "Create or change a Helpdesk queue and who works it",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      // Set by triggers made before the function took the person from
      // the interactivity; accepted so they still start, and ignored.
      admin: { type: Schema.slack.types.user_id },
    },
    required: ["interactivity"],
  },
});

const form = ConfigureQueueWorkflow.addStep(Schema.slack.functions.OpenForm, {
  title: "Configure a queue",
  description:
    "An existing name changes that queue (the default one is “Helpdesk”); a new name makes a queue (Helpdesk's admins only). Roles may use ${owner}, ${members}, ${admins}, ${superusers} and ${initiator}.",
  submit_label: "Save",
  interactivity: ConfigureQueueWorkflow.inputs.interactivity,
  fields: {
    elements: [
      { name: "name", title: "Queue name", type: Schema.types.string },
      {
        name: "new_name",
        title: "Rename it to",
        description: "Optional: a new name for the queue named above",
        type: Schema.types.string,
      },
      {
        name: "triage_channel",
        title: "Triage channel",
        description: "Its cards go here. Private? Invite @Helpdesk first",
        type: Schema.slack.types.channel_id,
      },
      {
        name: "intake_channels",
        title: "Intake channels",
        description: "A :ticket: reaction on a message here opens a ticket",
        type: Schema.types.array,
        items: { type: Schema.slack.types.channel_id },
      },
      { name: "owner", title: "Owner", type: Schema.slack.types.user_id },
      {
        name: "member_people",
        title: "Members",
        description: "The agents who work its tickets",
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
      },
      {
        name: "member_group",
        title: "Member user group",
        type: Schema.slack.types.usergroup_id,
      },
      {
        name: "member_channels",
        title: "Member channels",
        description: "Everyone in these channels is a member",
        type: Schema.types.array,
        items: { type: Schema.slack.types.channel_id },
      },
      {
        name: "admin_people",
        title: "Admins",
        description: "May change this queue and its request types",
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
      },
      {
        name: "superuser_people",
        title: "Superusers",
        description: "Approve requests unless a request type names others",
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
      },
      {
        name: "role_rules",
        title: "Role rules",
        description:
          "One per line, e.g. “superusers: ${admins}” or “members: ${owner}”",
        type: Schema.types.string,
        long: true,
      },
    ],
    required: ["name", "triage_channel"],
  },
});

ConfigureQueueWorkflow.addStep(ConfigureQueueFunction, {
  name: form.outputs.fields.name,
  new_name: form.outputs.fields.new_name,
  triage_channel: form.outputs.fields.triage_channel,
  intake_channels: form.outputs.fields.intake_channels,
  owner: form.outputs.fields.owner,
  member_people: form.outputs.fields.member_people,
  member_group: form.outputs.fields.member_group,
  member_channels: form.outputs.fields.member_channels,
  admin_people: form.outputs.fields.admin_people,
  superuser_people: form.outputs.fields.superuser_people,
  role_rules: form.outputs.fields.role_rules,
  // The person who submitted the form, as Slack reports it.
  interactivity: form.outputs.interactivity,
});

export default ConfigureQueueWorkflow;
