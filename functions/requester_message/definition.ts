import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

/**
 * A message in the thread of a message that became a ticket: what the
 * requester (or someone with them) wrote reaches the card's thread. The
 * message is read from Slack, not taken from these inputs, so a workflow
 * step can't put words in anyone's mouth.
 */
export default DefineFunction({
  callback_id: "requester_message",
  title: "Relay a requester's message",
  description:
    "Passes a message in a ticket's thread on the requester's side to its agents",
  source_file: "functions/requester_message/handler.ts",
  input_parameters: {
    properties: {
      channel: { type: Schema.slack.types.channel_id, title: "Channel" },
      message_ts: { type: Schema.types.string, title: "Message" },
      thread_ts: { type: Schema.types.string, title: "Thread" },
    },
    required: ["channel", "message_ts", "thread_ts"],
  },
  output_parameters: {
    properties: {
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
    },
    required: [],
  },
});
