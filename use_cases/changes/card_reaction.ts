// A reaction on a ticket's card in its triage channel (:eyes: claims, and
// the others the card_reaction trigger lets through): the change, as a
// button would make it, for whoever Slack says reacted.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  findTicketId,
  getTicket,
  lookupByCard,
} from "../../slack/storage/ticket_store.ts";
import { cardTicketId } from "../../slack/workspace/triage_card.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { reactionFacts } from "../../slack/workspace/reaction_check.ts";
import { changeWithoutClosing, type KeepOpenChange } from "./change_ticket.ts";

export interface CardReaction {
  /** The change the reaction stands for. */
  action: KeepOpenChange;
  reaction: string;
  user: string;
  channel: string;
  messageTs: string;
}

/** The ticket changed (its id), or nothing when it is none of ours. */
export async function reactToCard(
  client: SlackAPIClient,
  reacted: CardReaction,
): Promise<{ ticketId?: string }> {
  const { channel, messageTs, reaction, user } = reacted;
  const [found, facts] = await Promise.all([
    findTicketId(client, lookupByCard(channel, messageTs)),
    reactionFacts(client, { channel, ts: messageTs }, reaction, user),
  ]);
  // The event says who reacted, but so could a workflow that uses this
  // step: only a reaction Slack has on the card acts for its author.
  // (Taken back before this run read it, it does nothing either.)
  // A reaction on a message that is not a card (a thread reply, a chat
  // message in the triage channel) is none of Helpdesk's business.
  const ticketId = found ??
    (facts.reacted ? await unrecordedCard(client, reacted) : undefined);
  if (!ticketId) return {};
  if (!facts.reacted) {
    console.warn(
      `card_reaction ignored: Slack has no :${reaction}: by ${user} on that card`,
    );
    return {};
  }
  const result = await changeWithoutClosing(
    client,
    ticketId,
    { type: reacted.action },
    user,
  );
  if (!result.ok) {
    await tellPerson(client, { user, channel }, result.reason);
    return {};
  }
  return { ticketId };
}

/**
 * A card with no lookup: its metadata names its ticket. Recorded on the
 * ticket as its card (the lookup's write alone failed), the reaction acts
 * on it; otherwise (an opening that stopped before recording its card, a
 * ticket never saved or removed) it can't, and its reactor hears why.
 */
async function unrecordedCard(
  client: SlackAPIClient,
  { channel, messageTs, reaction, user }: CardReaction,
): Promise<string | undefined> {
  const id = await cardTicketId(client, channel, messageTs);
  const ticket = id && await getTicket(client, id);
  if (!id) return undefined;
  if (
    ticket && ticket.card_channel === channel && ticket.card_ts === messageTs
  ) {
    return id;
  }
  await tellPerson(
    client,
    { user, channel },
    `Your :${reaction}: did nothing: ${
      !ticket
        ? "that card's ticket is not in Helpdesk (it was never saved, or was removed)."
        : ticket.card_ts
        ? `that card is a second one of ${ticket.key}, posted when its opening was tried again. React on its other card.`
        : `${ticket.key} did not finish opening. Helpdesk finishes it at its next scheduled check (within about 15 minutes); react again then.`
    }`,
  );
  return undefined;
}
