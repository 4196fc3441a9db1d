import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureHelpdeskFunction from "../functions/configure_helpdesk/definition.ts";

/**
 * "Configure Helpdesk": a form for the triage channel, the agents and
 * Helpdesk's admins. Only admins may save it, once there are any.
 */
const ConfigureHelpdeskWorkflow = DefineWorkflow({
  callback_id: "configure_helpdesk",
  title: "Configure Helpdesk",
  description: "Choose the triage channel and who the agents are",
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

const form = ConfigureHelpdeskWorkflow.addStep(
  Schema.slack.functions.OpenForm,
  {
    title: "Configure Helpdesk",
    description:
      "New tickets are posted in the triage channel, where agents claim and resolve them.",
    submit_label: "Save",
    interactivity: ConfigureHelpdeskWorkflow.inputs.interactivity,
    fields: {
      elements: [
        {
          name: "triage_channel",
          title: "Triage channel",
          description: "Private? Invite @Helpdesk there first",
          type: Schema.slack.types.channel_id,
        },
        {
          name: "agent_users",
          title: "Agents",
          description: "People who work on tickets",
          type: Schema.types.array,
          items: { type: Schema.slack.types.user_id },
        },
        {
          name: "agent_usergroup",
          title: "Agent user group",
          description: "Its members are agents too",
          type: Schema.slack.types.usergroup_id,
        },
        {
          name: "intake_emoji",
          title: "Ticket emoji",
          description:
            "On a message in a queue's intake channel, it opens a ticket",
          type: Schema.types.string,
          default: "ticket",
        },
        {
          name: "admins",
          title: "Helpdesk admins",
          description:
            "Who may change these settings, service levels and queues. Leave empty to keep the admins as they are; keep yourself in it.",
          type: Schema.types.array,
          items: { type: Schema.slack.types.user_id },
        },
      ],
      required: ["triage_channel"],
    },
  },
);

ConfigureHelpdeskWorkflow.addStep(ConfigureHelpdeskFunction, {
  triage_channel: form.outputs.fields.triage_channel,
  agent_users: form.outputs.fields.agent_users,
  agent_usergroup: form.outputs.fields.agent_usergroup,
  intake_emoji: form.outputs.fields.intake_emoji,
  admins: form.outputs.fields.admins,
  // The person who submitted the form, as Slack reports it.
  interactivity: form.outputs.interactivity,
});

export default ConfigureHelpdeskWorkflow;
