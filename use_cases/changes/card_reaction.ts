// A reaction on a ticket's card in its triage channel (:eyes: claims, and
// the others the card_reaction trigger lets through): the change, as a
// button would make it, for whoever Slack says reacted.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  findTicketId,
  lookupByCard,
} from "../../slack/storage/ticket_store.ts";
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
  const [ticketId, facts] = await Promise.all([
    findTicketId(client, lookupByCard(channel, messageTs)),
    reactionFacts(client, { channel, ts: messageTs }, reaction, user),
  ]);
  // A reaction on a message that is not a card (a thread reply, a chat
  // message in the triage channel) is none of Helpdesk's business.
  if (!ticketId) return {};
  // The event says who reacted, but so could a workflow that uses this
  // step: only a reaction Slack has on the card acts for its author.
  // (Taken back before this run read it, it does nothing either.)
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
