import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

/** Which reaction on a card does what. */
export const CARD_REACTIONS = {
  eyes: "claim",
  white_check_mark: "resolve",
} as const;

export default DefineFunction({
  callback_id: "card_reaction",
  title: "Act on a reaction to a ticket card",
  description: ":eyes: claims the ticket, :white_check_mark: resolves it",
  source_file: "functions/card_reaction/handler.ts",
  input_parameters: {
    properties: {
      channel: { type: Schema.slack.types.channel_id, title: "Channel" },
      message_ts: { type: Schema.types.string, title: "Message" },
      reaction: { type: Schema.types.string, title: "Reaction" },
      user: { type: Schema.slack.types.user_id, title: "Who reacted" },
    },
    required: ["channel", "message_ts", "reaction", "user"],
  },
  output_parameters: {
    properties: {
      // Set only when the reaction changed a ticket, for the JSM sync step.
      ticket_id: { type: Schema.types.string, title: "Ticket id" },
    },
    required: [],
  },
});
