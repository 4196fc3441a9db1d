// Opening a ticket, shared by every surface that creates one (the form, the
// Workflow Builder step, and later reactions). Three sequential round trips:
//   1. settings, and whether the drawn key is free (at once)
//   2. the card in the triage channel (its ts is needed by what follows)
//   3. the ticket, its lookups and the requester's DM (at once)
// Nothing is half-written: a failure before 3 leaves nothing behind, and a
// failed save in 3 removes the card and the DM again.
import { jsmPendingFields } from "../tickets/jsm_sync.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Source, Ticket } from "../tickets/model.ts";
import type { NewTicketFields } from "../tickets/ticket_input.ts";
import { newTicketId, newTicketKey } from "../tickets/ticket_ids.ts";
import {
  findTicketId,
  lookupByKey,
  putLookups,
  putTicket,
} from "../storage/ticket_store.ts";
import { getSettings, NOT_CONFIGURED } from "../storage/settings_store.ts";
import { slackCall, type SlackResponse } from "../slack_api/slack_call.ts";
import { messageLink, ticketOpenedDm } from "../blocks/ticket_messages.ts";
import { postTicketCard } from "./triage_card.ts";
import { withServiceLevels } from "../tickets/service_levels.ts";
import { policyFromSettings } from "../tickets/service_level_settings.ts";

export class NotConfiguredError extends Error {
  constructor() {
    super(NOT_CONFIGURED);
  }
}

export interface OpenedTicket {
  ticket: Ticket;
  cardLink: string;
}

const KEY_ATTEMPTS = 5;

export async function openTicket(
  client: SlackAPIClient,
  fields: NewTicketFields,
  source: Source,
  nowMs = Date.now(),
  options: {
    /** JSM is set up: queue the ticket for sync before anything can fail. */
    syncToJsm?: boolean;
  } = {},
): Promise<OpenedTicket> {
  const [settings, key] = await Promise.all([
    getSettings(client),
    unusedTicketKey(client),
  ]);
  if (!settings) throw new NotConfiguredError();
  const now = Math.floor(nowMs / 1000);
  const ticket: Ticket = withServiceLevels(
    {
      id: newTicketId(nowMs),
      key,
      ...fields,
      status: "new",
      source,
      created_at: now,
      updated_at: now,
      ...(options.syncToJsm ? jsmPendingFields(now) : {}),
    },
    policyFromSettings(settings),
    now,
  );

  const card = await postTicketCard(client, settings, ticket, now);
  ticket.card_channel = card.channel;
  ticket.card_ts = card.ts;
  const cardLink = messageLink(settings.workspace_url, card.channel, card.ts);

  // Settled at once so that a failed DM is never an unhandled rejection.
  const dm: Promise<Settled> = slackCall(client, "chat.postMessage", {
    channel: ticket.requester,
    text: ticketOpenedDm(ticket, cardLink),
    unfurl_links: false,
  }).then((posted) => ({ posted }), (error) => ({ error }));
  const saved = await Promise.allSettled([
    putTicket(client, ticket),
    putLookups(client, ticket),
  ]);
  const failed = saved.find((r) => r.status === "rejected");
  if (failed) {
    await undoPosts(client, card, dm);
    throw (failed as PromiseRejectedResult).reason;
  }
  // The ticket is saved: a DM that could not be sent (the requester has left,
  // say) is not a reason to fail the request.
  const sent = await dm;
  if (sent.error) {
    console.warn(`${ticket.key}: the requester's DM failed:`, sent.error);
  }
  return { ticket, cardLink };
}

/** A key nobody has: drawn at random, checked against ticket_lookup. */
async function unusedTicketKey(client: SlackAPIClient): Promise<string> {
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const key = newTicketKey();
    if (!await findTicketId(client, lookupByKey(key))) return key;
  }
  throw new Error(`no free ticket key after ${KEY_ATTEMPTS} draws`);
}

async function undoPosts(
  client: SlackAPIClient,
  card: { channel: string; ts: string },
  dm: Promise<Settled>,
) {
  const { posted } = await dm;
  await Promise.allSettled([
    slackCall(client, "chat.delete", card),
    posted &&
    slackCall(client, "chat.delete", {
      channel: posted.channel,
      ts: posted.ts,
    }),
  ]);
}

type Settled = { posted?: SlackResponse; error?: unknown };
