import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export default DefineFunction({
  callback_id: "configure_helpdesk",
  title: "Configure Helpdesk",
  description:
    "Set the triage channel and the agents, and prepare the triggers the triage cards use",
  source_file: "functions/configure_helpdesk/handler.ts",
  input_parameters: {
    properties: {
      triage_channel: {
        type: Schema.slack.types.channel_id,
        title: "Triage channel",
      },
      agent_users: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
        title: "Agents",
      },
      agent_usergroup: {
        type: Schema.slack.types.usergroup_id,
        title: "Agent user group",
      },
      intake_emoji: {
        type: Schema.types.string,
        title: "Ticket emoji",
        description:
          "Reacting with it on a message in an intake channel opens a ticket",
      },
      admins: {
        type: Schema.types.array,
        items: { type: Schema.slack.types.user_id },
        title: "Helpdesk admins",
        description:
          "Who may change Helpdesk's settings; empty keeps the current ones",
      },
      // Who saves it is the form's submitter, set by Slack
      // (slack/operations/acting_person.ts).
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["triage_channel", "interactivity"],
  },
  output_parameters: { properties: {}, required: [] },
});
