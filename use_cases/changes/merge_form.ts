// The forms behind "Merge into…", "Link related…" and "Unmerge…" on a card:
// checked before they open, so nobody picks a ticket in vain. The Merge
// and Link forms offer the open tickets of the same queue whose summaries
// look alike (helpdesk/tickets/similar_tickets.ts), read in a bounded
// number of pages so the form opens within Slack's three seconds for an
// interactivity pointer.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { alikeTickets } from "../../helpdesk/tickets/similar_tickets.ts";
import { queueIdOf } from "../../helpdesk/tickets/ticket_move.ts";
import {
  loadQueuedTicket,
  type QueuedTicket,
} from "../../slack/workspace/queued_ticket.ts";
import { ticketPages } from "../../slack/storage/ticket_queries.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  type PairKind,
  pairModal,
  unmergeModal,
} from "../../slack/blocks/merge_modal.ts";
import { rolesInQueue } from "./queue_agents.ts";
import type { Opened } from "./edit_ticket.ts";

/** Pages of open tickets read for suggestions (a page is up to 100). */
const ALIKE_PAGES = 2;
/** Suggestions offered. */
const ALIKE_SHOWN = 10;

type Loaded = Extract<QueuedTicket, { ok: true }>;

async function agentLoaded(
  client: SlackAPIClient,
  ticketId: string,
  actorId: string,
  verb: string,
): Promise<Loaded | { ok: false; reason: string; ticket?: Ticket }> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const [isAgent] = await rolesInQueue(client, loaded, [actorId]).of(
    loaded.ticket,
  );
  if (!isAgent) {
    return {
      ok: false,
      reason:
        `Only Helpdesk agents of ${loaded.ticket.key}'s queue can ${verb} it.`,
      ticket: loaded.ticket,
    };
  }
  return loaded;
}

export function openPairForm(kind: PairKind) {
  return async (
    client: SlackAPIClient,
    ticketId: string,
    actorId: string,
    interactivityPointer: string,
    callbackId: string,
  ): Promise<Opened> => {
    const loaded = await agentLoaded(client, ticketId, actorId, kind);
    if (!loaded.ok) return loaded;
    const { ticket } = loaded;
    if (ticket.status === "closed") {
      return { ok: false, reason: `${ticket.key} is closed.`, ticket };
    }
    if (kind === "merge" && ticket.merged_into) {
      return {
        ok: false,
        reason:
          `${ticket.key} is already merged into ${ticket.merged_into_key}.`,
        ticket,
      };
    }
    const alike = alikeTickets(
      ticket,
      await openTicketsOfQueue(client, queueIdOf(ticket)),
      ALIKE_SHOWN,
    ).filter((t) => !t.merged_into);
    await slackCall(client, "views.open", {
      interactivity_pointer: interactivityPointer,
      view: pairModal(kind, ticket, alike, callbackId),
    });
    return { ok: true };
  };
}

export async function openUnmergeForm(
  client: SlackAPIClient,
  ticketId: string,
  actorId: string,
  interactivityPointer: string,
  callbackId: string,
): Promise<Opened> {
  const loaded = await agentLoaded(client, ticketId, actorId, "unmerge");
  if (!loaded.ok) return loaded;
  const { ticket } = loaded;
  if (!ticket.merged_from?.length) {
    return {
      ok: false,
      reason: `No ticket is merged into ${ticket.key}.`,
      ticket,
    };
  }
  if (ticket.status === "closed") {
    return {
      ok: false,
      reason:
        `${ticket.key} is closed: a merge can be undone only while the kept ticket is open.`,
      ticket,
    };
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: interactivityPointer,
    view: unmergeModal(ticket, callbackId),
  });
  return { ok: true };
}

/** The queue's open tickets, at most ALIKE_PAGES pages of them. */
async function openTicketsOfQueue(
  client: SlackAPIClient,
  queueId: string,
): Promise<Ticket[]> {
  const found: Ticket[] = [];
  let pages = 0;
  for await (
    const page of ticketPages(client, {
      expression: "#status IN (:new, :in_progress, :waiting)",
      attributes: { "#status": "status" },
      values: {
        ":new": "new",
        ":in_progress": "in_progress",
        ":waiting": "waiting_on_requester",
      },
    })
  ) {
    found.push(...page.filter((t) => queueIdOf(t) === queueId));
    if (++pages >= ALIKE_PAGES) break;
  }
  return found;
}
