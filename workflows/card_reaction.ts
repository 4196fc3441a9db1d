import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ReactToCardFunction from "../functions/react_to_card/definition.ts";

/** Started by an agent's reaction on a triage card. */
const CardReactionWorkflow = DefineWorkflow({
  callback_id: "card_reaction",
  title: "Ticket card reaction",
  description: "Claim or resolve a ticket with a reaction on its card",
  input_parameters: {
    properties: {
      channel: { type: Schema.slack.types.channel_id },
      message_ts: { type: Schema.types.string },
      reaction: { type: Schema.types.string },
      user: { type: Schema.slack.types.user_id },
    },
    required: ["channel", "message_ts", "reaction", "user"],
  },
});

CardReactionWorkflow.addStep(ReactToCardFunction, {
  channel: CardReactionWorkflow.inputs.channel,
  message_ts: CardReactionWorkflow.inputs.message_ts,
  reaction: CardReactionWorkflow.inputs.reaction,
  user: CardReactionWorkflow.inputs.user,
});

export default CardReactionWorkflow;
