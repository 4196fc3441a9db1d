// A card's Similar…: up to five solved tickets of the same queue whose
// summary and description look most like this one's, each with its answer
// (the last reply to its requester) and a link, shown only to the agent who
// asked. Only the queue's agents may ask; they may see its private tickets
// too (view_private), and never another queue's.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { isSolved, searchText } from "../../helpdesk/similar/solved_tickets.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import { searchSimilar } from "../../slack/storage/similar_index.ts";
import { ticketsById } from "../../slack/storage/ticket_queries.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { tellPerson, whereToTell } from "../../slack/workspace/tell_person.ts";
import { similarTicketsText } from "../../slack/blocks/similar_messages.ts";
import { refusal } from "../../slack/blocks/refusals.ts";
import type { ButtonPress, PressResult } from "./button_press.ts";
import { isQueueAgent } from "./queue_agents.ts";

export const SIMILAR_SHOWN = 5;

export type SimilarFound =
  | { ok: true; ticket: Ticket; similar: Ticket[]; workspaceUrl: string }
  | { ok: false; reason: string; ticket?: Ticket };

/** The solved tickets most like this one that this agent may see. */
export async function findSimilar(
  client: SlackAPIClient,
  ticketId: string,
  person: string,
): Promise<SimilarFound> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const { ticket, queue, settings } = loaded;
  const directory = new QueueDirectory(client, queue, ticket.requester);
  if (!await isQueueAgent(directory, person)) {
    return { ok: false, reason: refusal("claim", queue.name), ticket };
  }
  // A few more than shown: some may have moved queue or been reopened.
  const ranked = await searchSimilar(
    client,
    queue.id,
    searchText(ticket),
    SIMILAR_SHOWN * 2,
    new Set([ticket.id]),
  );
  const read = ranked.length
    ? await ticketsById(client, ranked.map((r) => r.id))
    : new Map();
  const similar = ranked.flatMap((r) => {
    const found = read.get(r.id)?.ticket;
    return found && isSolved(found) &&
        (found.queue_id ?? DEFAULT_QUEUE_ID) === queue.id
      ? [found]
      : [];
  }).slice(0, SIMILAR_SHOWN);
  return { ok: true, ticket, similar, workspaceUrl: settings.workspace_url };
}

export async function showSimilar(
  client: SlackAPIClient,
  press: ButtonPress,
): Promise<PressResult> {
  const found = await findSimilar(client, press.ticketId, press.actor);
  const where = whereToTell(press.actor, found.ticket);
  if (!found.ok) {
    await tellPerson(client, where, found.reason);
    return { outputs: {} };
  }
  await tellPerson(
    client,
    where,
    similarTicketsText(found.ticket, found.similar, found.workspaceUrl),
  );
  return { outputs: {} };
}
