// The steps of opening a ticket after it is saved, or as it is saved (see
// open_ticket.ts): show it (its card, or its approvers' DMs), then record
// that on the ticket and tell the requester, at once. A retry, or the
// scheduled check for a ticket nobody retried, finishes what is missing: a
// card posted but not recorded is found by its metadata and adopted, never
// posted twice, and a ticket whose card is recorded had its requester told
// (or the DM kept for the scheduled check) by the run that recorded it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  putLookups,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { onceMoreIfPassing } from "../../slack/api/passing_failures.ts";
import {
  cardLinkOf,
  ticketOpenedDm,
} from "../../slack/blocks/ticket_messages.ts";
import { waitingForApprovalDm } from "../../slack/blocks/request_messages.ts";
import {
  type OutboxMessage,
  sendOrKeep,
} from "../../slack/workspace/outbox.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";
import { sendSuggestions, startSuggesting } from "./solved_suggestions.ts";
import { NotShownYet } from "./opening_failures.ts";
import type { Showing, ShowingParts } from "./ticket_showing.ts";

export interface OpenedTicket {
  ticket: Ticket;
  /** The card, or the requester's DM while the request awaits approval. */
  cardLink: string;
  /** This call told the requester (false when an earlier attempt had). */
  toldRequester: boolean;
}

export interface KnownParts extends ShowingParts {
  /** More to say once it is open, along with the requester's DM. */
  alsoTell?: (opened: { ticket: Ticket; cardLink: string }) => OutboxMessage[];
  /** More lookups of the ticket, written with its own (putLookups). */
  alsoIndex?: readonly string[];
  /** The search for solved tickets to suggest, if started already. */
  suggesting?: Promise<Ticket[]>;
}

/**
 * A saved ticket, not or not wholly shown, finished. `show` is how it is
 * shown: its card, or its approvers' DMs (ticket_showing.ts).
 */
export async function finishOpening(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  saved: Ticket,
  show: Showing,
  known: KnownParts = {},
): Promise<OpenedTicket> {
  if (!saved.setup_pending) {
    // Done before; its lookups are written again in case they were not.
    if (known.resumed) await putLookups(client, saved, known.alsoIndex);
    return {
      ticket: saved,
      cardLink: linkOf(settings, saved),
      toldRequester: false,
    };
  }
  // Recorded before: the run that recorded it told the requester at the
  // same time (its lookups failed after); only the lookups are missing.
  const toldBefore = Boolean(
    saved.card_ts || saved.approval_messages?.length,
  );
  const ticket = { ...saved };
  // Beside showing it, so the search costs opening no round trip.
  const suggesting = known.suggesting ?? startSuggesting(client, saved);
  try {
    await show(client, settings, ticket, known);
  } catch (error) {
    await suggesting;
    throw new NotShownYet(saved, error);
  }
  return await recordAndTell(
    client,
    settings,
    ticket,
    known,
    suggesting,
    // Never "is open" of one withdrawn or closed meanwhile (from the card or
    // the requester's DM, out while its record failed).
    !toldBefore && saved.status !== "closed",
  );
}

const linkOf = (settings: HelpdeskSettings, ticket: Ticket) =>
  cardLinkOf(ticket, settings.workspace_url) ?? settings.workspace_url;

/**
 * A ticket saved and shown (its card or approval DMs on it): the card
 * recorded and the requester told, at once. The DM goes out whether or not
 * the record lands: the ticket is open either way, and a record that fails
 * twice leaves the ticket for the scheduled check, which adopts the card.
 */
export async function recordAndTell(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  shown: Ticket,
  known: KnownParts,
  /** Solved tickets to suggest (solved_suggestions.ts), being looked for. */
  suggesting: Promise<Ticket[]>,
  tell = true,
): Promise<OpenedTicket> {
  const ticket = { ...shown };
  delete ticket.setup_pending;
  const cardLink = linkOf(settings, ticket);
  await Promise.all([
    record(client, ticket, known.alsoIndex),
    tell ? tellOpened(client, settings, ticket, cardLink, known) : undefined,
  ]);
  // Their own DM, once the requester knows the ticket is open (and only by
  // the run that told them).
  const suggested = await suggesting;
  if (tell) await sendSuggestions(client, settings, ticket, suggested);
  return { ticket, cardLink, toldRequester: tell };
}

/**
 * Told once, of a ticket that exists and is shown. A DM refused for a
 * passing reason is kept and sent again by the scheduled check; the ticket
 * is open all the same.
 */
async function tellOpened(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  cardLink: string,
  known: KnownParts,
) {
  const told = ticket.approval === "pending"
    ? waitingForApprovalDm(ticket)
    : ticketOpenedDm(ticket, cardLink);
  const failed = await sendOrKeep(client, ticket, [
    {
      channel: ticket.requester,
      text: told,
      blocks: requesterDmBlocks(ticket, told, settings.action_trigger_url),
    },
    ...known.alsoTell?.({ ticket, cardLink }) ?? [],
  ]);
  for (const failure of failed) {
    console.warn(`${ticket.key}: not everyone was told:`, failure);
  }
}

/**
 * The card (or approval DMs) recorded on the ticket, setup_pending off, its
 * entry and lookups written, all at once. Nothing is taken back when that
 * fails: the requester is being told of the card at the same time. A write
 * that fails is asked once more (each is a partial update or a bulk put of
 * the same items, so asking again is safe whether or not the first landed).
 * Failing again, the ticket stays (or is marked again) setup_pending, with
 * its entry, for a retry or the scheduled check, which adopts the card.
 */
async function record(
  client: SlackAPIClient,
  ticket: Ticket,
  alsoIndex: readonly string[] | undefined,
) {
  const shown = {
    card_channel: ticket.card_channel,
    card_ts: ticket.card_ts,
    approval_messages: ticket.approval_messages,
    setup_pending: false,
  };
  // Each asked again after a passing failure (passing_failures.ts): the
  // same whether it lands once or twice, and a read back may be stale.
  const again = await Promise.allSettled([
    onceMoreIfPassing(() =>
      updateTicketFields(client, ticket.id, shown, { entryAlongside: true })
    ),
    onceMoreIfPassing(() => putLookups(client, ticket, alsoIndex)),
  ]);
  const failed = again.find((r) => r.status === "rejected");
  if (!failed) return;
  console.error(
    `${ticket.key}: shown but not recorded; finished by a retry or the scheduled check`,
    (failed as PromiseRejectedResult).reason,
  );
  // The entry may say done while the ticket does not (they were written
  // at once): both say pending again, so that the scheduled check finds it.
  await updateTicketFields(client, ticket.id, { setup_pending: true })
    .catch((error) =>
      console.warn(`${ticket.key}: setup not marked pending`, error)
    );
}
