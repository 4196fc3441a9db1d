import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export default DefineFunction({
  callback_id: "message_to_ticket",
  title: "Turn a message into a ticket",
  description:
    "Opens a ticket for a message someone reacted to with the ticket emoji",
  source_file: "functions/message_to_ticket/handler.ts",
  input_parameters: {
    properties: {
      channel: { type: Schema.slack.types.channel_id, title: "Channel" },
      message_ts: { type: Schema.types.string, title: "Message" },
      message_link: { type: Schema.types.string, title: "Message link" },
      parent_message_link: {
        type: Schema.types.string,
        title: "Thread link",
        description: "Set when the message is a reply in a thread",
      },
      reaction: { type: Schema.types.string, title: "Reaction" },
      // Checked with Slack before anything is done: the reaction must be
      // theirs, and the requester is the author Slack reports.
      user: { type: Schema.slack.types.user_id, title: "Who reacted" },
    },
    required: ["channel", "message_ts", "reaction", "user"],
  },
  output_parameters: {
    properties: {
      // Set only when this run made the ticket, for the JSM sync step.
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
    },
    required: [],
  },
});
