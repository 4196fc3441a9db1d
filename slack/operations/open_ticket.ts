// Opening a ticket, shared by every surface that creates one (the request
// form, the Workflow Builder step, the :ticket: reaction). Three sequential
// round trips:
//   1. settings, the queue, and whether the drawn key is free (at once)
//   2. the card in the queue's triage channel, or the approvers' DMs when
//      the request type needs approval (their ts is needed by what follows)
//   3. the ticket, its lookups and the requester's DM (at once)
// Nothing is half-written: a failure before 3 leaves nothing behind, and a
// failed save in 3 removes what 2 posted.
import { jsmPendingFields } from "../../helpdesk/tickets/jsm_sync.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Source, Ticket } from "../../helpdesk/tickets/model.ts";
import type { NewTicketFields } from "../../helpdesk/tickets/ticket_input.ts";
import {
  newTicketId,
  newTicketKey,
} from "../../helpdesk/tickets/ticket_ids.ts";
import {
  findTicketId,
  lookupByKey,
  putLookups,
  putTicket,
} from "../storage/ticket_store.ts";
import { getSettings, NOT_CONFIGURED } from "../storage/settings_store.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { findStoredQueue, orDefault } from "../storage/queue_store.ts";
import { DEFAULT_QUEUE_ID, type Queue } from "../../helpdesk/queues/queue.ts";
import { slackCall, type SlackResponse } from "../api/slack_call.ts";
import {
  cardLinkOf,
  messageLink,
  ticketOpenedDm,
} from "../blocks/ticket_messages.ts";
import {
  approvalRequestBlocks,
  approvalRequestText,
  waitingForApprovalDm,
} from "../blocks/request_messages.ts";
import { postTicketCard } from "./triage_card.ts";
import { sendPrivateDetails } from "./private_details.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { pendingApprovalFields } from "../../helpdesk/tickets/approval.ts";
import {
  approversOf,
  type RequestType,
} from "../../helpdesk/request_types/request_type.ts";
import type { Answer } from "../../helpdesk/request_types/form_fields.ts";
import { QueueDirectory } from "./queue_directory.ts";
import { dmEach, type Posted } from "./direct_messages.ts";

export class NotConfiguredError extends Error {
  constructor() {
    super(NOT_CONFIGURED);
  }
}

/** A problem an admin must fix in Helpdesk's settings; said as is. */
export class SettingsProblem extends Error {}

export interface OpenedTicket {
  ticket: Ticket;
  /** The card, or the requester's DM while the request awaits approval. */
  cardLink: string;
}

/** Where a ticket comes from besides its fields. */
export interface TicketOrigin {
  /** JSM is set up: queue the ticket for sync before anything can fail. */
  syncToJsm?: boolean;
  queueId?: string;
  requestType?: RequestType;
  answers?: Answer[];
  /** Who raised it for the requester (the person who reacted). */
  reporter?: string;
  /** The message it was made from; its channel is the source channel. */
  sourceMessageTs?: string;
}

const KEY_ATTEMPTS = 5;

export async function openTicket(
  client: SlackAPIClient,
  fields: NewTicketFields,
  source: Source,
  nowMs = Date.now(),
  origin: TicketOrigin = {},
): Promise<OpenedTicket> {
  const type = origin.requestType;
  const queueId = type?.queue_id ?? origin.queueId;
  const [settings, key, stored] = await Promise.all([
    getSettings(client),
    unusedTicketKey(client),
    findStoredQueue(client, queueId ?? DEFAULT_QUEUE_ID),
  ]);
  if (!settings) throw new NotConfiguredError();
  const queue = orDefault(stored, queueId, settings);
  if (!queue) {
    throw new SettingsProblem(
      `The queue “${queueId}” no longer exists: ask a Helpdesk admin which one to use.`,
    );
  }
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
      queue_id: queue.id,
      ...(type
        ? {
          request_type_id: type.id,
          request_type_name: type.name,
          ...(type.private ? { private: true } : {}),
          ...(type.needs_approval ? pendingApprovalFields(now) : {}),
        }
        : {}),
      ...(origin.answers?.length ? { answers: origin.answers } : {}),
      ...(origin.reporter && origin.reporter !== fields.requester
        ? { reporter: origin.reporter }
        : {}),
      ...(origin.sourceMessageTs
        ? { source_message_ts: origin.sourceMessageTs }
        : {}),
      ...(origin.syncToJsm ? jsmPendingFields(now) : {}),
    },
    policyFromSettings(settings),
    now,
  );

  const posted = ticket.approval === "pending"
    ? await askApprovers(client, settings, queue, ticket, type!)
    : await toTriage(client, settings, queue, ticket, now);
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;

  // Settled at once so that a failed DM is never an unhandled rejection.
  const dm: Promise<Settled> = slackCall(client, "chat.postMessage", {
    channel: ticket.requester,
    text: ticket.approval === "pending"
      ? waitingForApprovalDm(ticket)
      : ticketOpenedDm(ticket, cardLink),
    unfurl_links: false,
  }).then((posted) => ({ posted }), (error) => ({ error }));
  const saved = await Promise.allSettled([
    putTicket(client, ticket),
    putLookups(client, ticket),
  ]);
  const failed = saved.find((r) => r.status === "rejected");
  if (failed) {
    const { posted: requesterDm } = await dm;
    await deleteMessages(client, [
      ...posted,
      ...(requesterDm
        ? [{ channel: String(requesterDm.channel), ts: String(requesterDm.ts) }]
        : []),
    ]);
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

/**
 * The card in the queue's triage channel, and for a private request its
 * details to the queue's agents by DM. Sets the card on the ticket and
 * returns what was posted, for undoing.
 */
export async function toTriage(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  ticket: Ticket,
  now: number,
): Promise<Posted[]> {
  const [card, agents] = await Promise.all([
    postTicketCard(client, settings, ticket, now, queue.triage_channel),
    ticket.private
      ? new QueueDirectory(client, queue, ticket.requester).agents()
      : [],
  ]);
  ticket.card_channel = card.channel;
  ticket.card_ts = card.ts;
  if (!ticket.private) return [card];
  const cardLink = messageLink(settings.workspace_url, card.channel, card.ts);
  const details = await sendPrivateDetails(client, ticket, agents, cardLink);
  return [card, ...details];
}

/** DMs each approver the request with Approve and Deny. */
async function askApprovers(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  ticket: Ticket,
  type: RequestType,
): Promise<Posted[]> {
  if (!settings.action_trigger_url) throw new NotConfiguredError();
  const directory = new QueueDirectory(
    client,
    queue,
    ticket.requester,
    approversOf(type),
  );
  const approvers = await directory.peopleOf(directory.approverPrincipals());
  if (approvers.length === 0) {
    throw new SettingsProblem(
      `Nobody can approve “${type.name}” requests yet: ask an admin of the ${queue.name} queue to set its superusers or the type's approvers.`,
    );
  }
  const { posted, failures } = await dmEach(client, approvers, {
    text: approvalRequestText(ticket),
    blocks: approvalRequestBlocks(
      ticket,
      queue.name,
      settings.action_trigger_url,
    ),
  });
  if (posted.length === 0) throw failures[0];
  ticket.approval_messages = posted.map((p) => `${p.channel}:${p.ts}`);
  return posted;
}

/** A key nobody has: drawn at random, checked against ticket_lookup. */
async function unusedTicketKey(client: SlackAPIClient): Promise<string> {
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const key = newTicketKey();
    if (!await findTicketId(client, lookupByKey(key))) return key;
  }
  throw new Error(`no free ticket key after ${KEY_ATTEMPTS} draws`);
}

async function deleteMessages(
  client: SlackAPIClient,
  messages: Posted[],
) {
  await Promise.allSettled(
    messages.map((m) =>
      slackCall(client, "chat.delete", {
        channel: m.channel,
        ts: m.ts,
      })
    ),
  );
}

type Settled = { posted?: SlackResponse; error?: unknown };
