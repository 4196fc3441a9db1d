import { SlackFunction } from "deno-slack-sdk/mod.ts";
import CardReactionFunction, { CARD_REACTIONS } from "./definition.ts";
import { reactToCard } from "../../use_cases/changes/card_reaction.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";

export default SlackFunction(
  CardReactionFunction,
  async ({ inputs, client }) => {
    const action =
      CARD_REACTIONS[inputs.reaction as keyof typeof CARD_REACTIONS];
    // The trigger's filter only lets these reactions through; anything else
    // (a changed filter, a replayed event) is ignored rather than guessed at.
    if (!action) return { outputs: {} };
    try {
      const { ticketId } = await reactToCard(client, {
        action,
        reaction: inputs.reaction,
        user: inputs.user,
        channel: inputs.channel,
        messageTs: inputs.message_ts,
      });
      return { outputs: ticketId ? { ticket_id: ticketId } : {} };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "card_reaction failed",
        tell: { user: inputs.user, channel: inputs.channel },
      });
    }
  },
);
