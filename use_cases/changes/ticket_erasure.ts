// Erasing one person from one ticket, under its lock, on the ticket as
// stored now. A ticket they opened is purged whole (ticket_purge.ts): it is
// their request. On any other ticket, Helpdesk's messages in its threads
// that name or quote them are replaced first, then the fields that name
// them are cleared (helpdesk/tickets/erasure.ts) and the card redrawn; a
// retry after a failure midway finds them still named and does it again,
// skipping the messages already replaced.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  ERASED_MESSAGE,
  erasedFields,
} from "../../helpdesk/tickets/erasure.ts";
import { namesPerson, peopleOf } from "../../helpdesk/tickets/retention.ts";
import { withTicketLock } from "../../slack/storage/ticket_lock.ts";
import { updateTicketFields } from "../../slack/storage/ticket_store.ts";
import { scrubThread } from "../../slack/workspace/thread_scrub.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import { purgeLocked, type PurgeOutcome, spot } from "./ticket_purge.ts";

export type EraseOutcome =
  | PurgeOutcome
  | { kind: "cleaned"; key: string; replaced: number; uneditable: number };

export async function eraseFromTicket(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  seen: Ticket,
  person: string,
  now: number,
): Promise<EraseOutcome> {
  const locked = await withTicketLock(
    client,
    seen,
    async (latest): Promise<EraseOutcome> => {
      if (!latest) return { kind: "gone" };
      if (!peopleOf(latest).includes(person)) return { kind: "not_due" };
      if (latest.requester === person) {
        return await purgeLocked(client, latest, { kind: "erasure" });
      }
      return await cleanLocked(client, settings, latest, person, now);
    },
    { waitMs: 1000 },
  );
  if (locked.ok) return locked.value;
  return locked.removed
    ? { kind: "gone" }
    : { kind: "busy", reason: locked.reason };
}

async function cleanLocked(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  person: string,
  now: number,
): Promise<EraseOutcome> {
  const theirs = (m: { text?: string; user?: string }) =>
    namesPerson(m.text, person) || m.user === person;
  let replaced = 0;
  let uneditable = 0;
  let complete = true;
  const threads = [
    spot(ticket.card_channel ? `${ticket.card_channel}:${ticket.card_ts}` : ""),
    ...(ticket.previous_cards ?? []).map(spot),
  ];
  const requesterSide = spot(ticket.requester_thread);
  for (const where of [...threads, requesterSide]) {
    if (!where) continue;
    const done = await scrubThread(client, where, theirs, ERASED_MESSAGE, {
      withParent: where === requesterSide,
    });
    replaced += done.replaced;
    uneditable += done.uneditable.length;
    complete &&= done.complete;
  }
  if (!complete) return { kind: "unfinished" };
  const fields = erasedFields(ticket, person);
  if (Object.keys(fields).length) {
    const updated = await updateTicketFields(client, ticket.id, fields);
    await redrawTicketCard(client, settings, updated, now).catch((error) =>
      console.warn(`${ticket.key}: card not redrawn after an erasure`, error)
    );
  }
  return { kind: "cleaned", key: ticket.key, replaced, uneditable };
}
