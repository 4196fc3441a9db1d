import { SlackFunction } from "deno-slack-sdk/mod.ts";
import CardReactionFunction, { CARD_REACTIONS } from "./definition.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  findTicketId,
  lookupByCard,
} from "../../slack/storage/ticket_store.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { reactionFacts } from "../../slack/workspace/reaction_check.ts";

export default SlackFunction(
  CardReactionFunction,
  async ({ inputs, client }) => {
    const action =
      CARD_REACTIONS[inputs.reaction as keyof typeof CARD_REACTIONS];
    // The trigger's filter only lets these reactions through; anything else
    // (a changed filter, a replayed event) is ignored rather than guessed at.
    if (!action) return { outputs: {} };
    const where = { user: inputs.user, channel: inputs.channel };
    try {
      const [ticketId, facts] = await Promise.all([
        findTicketId(client, lookupByCard(inputs.channel, inputs.message_ts)),
        reactionFacts(
          client,
          { channel: inputs.channel, ts: inputs.message_ts },
          inputs.reaction,
          inputs.user,
        ),
      ]);
      // A reaction on a message that is not a card (a thread reply, a chat
      // message in the triage channel) is none of Helpdesk's business.
      if (!ticketId) return { outputs: {} };
      // The event says who reacted, but so could a workflow that uses this
      // step: only a reaction Slack has on the card acts for its author.
      // (Taken back before this run read it, it does nothing either.)
      if (!facts.reacted) {
        console.warn(
          `card_reaction ignored: Slack has no :${inputs.reaction}: by ${inputs.user} on that card`,
        );
        return { outputs: {} };
      }
      const result = await changeTicket(
        client,
        ticketId,
        { type: action },
        inputs.user,
      );
      if (!result.ok) {
        await tellPerson(client, where, result.reason);
        return { outputs: {} };
      }
      return { outputs: { ticket_id: ticketId } };
    } catch (error) {
      console.error("card_reaction failed", error);
      await tellPerson(client, where, explainFailure(error)).catch(() => {});
      return { error: explainFailure(error) };
    }
  },
);
