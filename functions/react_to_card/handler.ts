import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ReactToCardFunction, { CARD_REACTIONS } from "./definition.ts";
import { changeTicket } from "../../slack/operations/change_ticket.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import {
  findTicketId,
  lookupByCard,
} from "../../slack/storage/ticket_store.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";

export default SlackFunction(
  ReactToCardFunction,
  async ({ inputs, client }) => {
    const action =
      CARD_REACTIONS[inputs.reaction as keyof typeof CARD_REACTIONS];
    // The trigger's filter only lets these reactions through; anything else
    // (a changed filter, a replayed event) is ignored rather than guessed at.
    if (!action) return { outputs: {} };
    const where = { user: inputs.user, channel: inputs.channel };
    try {
      const ticketId = await findTicketId(
        client,
        lookupByCard(inputs.channel, inputs.message_ts),
      );
      // A reaction on a message that is not a card (a thread reply, a chat
      // message in the triage channel) is none of Helpdesk's business.
      if (!ticketId) return { outputs: {} };
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
      console.error("react_to_card failed", error);
      await tellPerson(client, where, explainFailure(error)).catch(() => {});
      return { error: explainFailure(error) };
    }
  },
);
