// Opening a ticket, shared by every surface that creates one (the request
// form, the Workflow Builder step, the :ticket: reaction). A creation can
// fail half-way and be tried again (the form submitted again, another
// reaction on the message), so the ticket is saved before anything is shown,
// under an id derived from what Slack gives again on a retry (its creation
// key), and each step after that is recorded before the next:
//   1. settings, the queue, a free key, and any ticket this creation already
//      saved (at once)
//   2. the ticket and its lookups (at once), marked setup_pending
//   3. the card, or the approvers' DMs      } finish_opening.ts, which a
//   4. the card recorded, setup_pending off } retry and the scheduled check
//   5. the requester's DM                   } also use
// A retry that finds the ticket finishes what is missing and never makes a
// second ticket.
import { jsmPendingFields } from "../../helpdesk/tickets/jsm_sync.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Source, Ticket } from "../../helpdesk/tickets/model.ts";
import type { NewTicketFields } from "../../helpdesk/tickets/ticket_input.ts";
import {
  newTicketKey,
  ticketIdFor,
} from "../../helpdesk/tickets/ticket_ids.ts";
import {
  findTicketId,
  getTicket,
  lookupByKey,
  putLookups,
  putTicket,
} from "../../slack/storage/ticket_store.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { onceMoreIfPassing } from "../../slack/api/passing_failures.ts";
import { findStoredQueue, orDefault } from "../../slack/storage/queue_store.ts";
import { DEFAULT_QUEUE_ID, type Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { pendingApprovalFields } from "../../helpdesk/tickets/approval.ts";
import type { RequestType } from "../../helpdesk/request_types/request_type.ts";
import type { Answer } from "../../helpdesk/request_types/form_fields.ts";
import {
  finishOpening,
  type KnownParts,
  NotConfiguredError,
  NotShownYet,
  type OpenedTicket,
  SettingsProblem,
} from "./finish_opening.ts";

export { NotConfiguredError, NotShownYet, type OpenedTicket, SettingsProblem };

/** Where a ticket comes from besides its fields. */
export interface TicketOrigin {
  /**
   * What a retry of this creation brings again (creationKeys in
   * helpdesk/tickets/ticket_ids.ts). Without one, the creation can't be
   * recognised when retried.
   */
  creationKey?: string;
  /** JSM is set up: queue the ticket for sync before anything can fail. */
  syncToJsm?: boolean;
  queueId?: string;
  requestType?: RequestType;
  answers?: Answer[];
  /** Who raised it for the requester (the person who reacted). */
  reporter?: string;
  /** The message it was made from; its channel is the source channel. */
  sourceMessageTs?: string;
  /** The thread the requester talks in, "channel:ts" (see conversation). */
  requesterThread?: string;
  /** Already read by the caller, so not read again. */
  settings?: HelpdeskSettings;
  queue?: Queue;
  /** See KnownParts in finish_opening.ts. */
  alsoTell?: KnownParts["alsoTell"];
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
  const creationKey = origin.creationKey ?? `once:${crypto.randomUUID()}`;
  const id = await ticketIdFor(creationKey);
  const [settings, key, stored, earlier] = await Promise.all([
    origin.settings ?? getSettings(client),
    unusedTicketKey(client),
    origin.queue ?? findStoredQueue(client, queueId ?? DEFAULT_QUEUE_ID),
    getTicket(client, id),
  ]);
  if (!settings) throw new NotConfiguredError();
  // Tried before: the ticket as first saved is finished, not made again.
  if (earlier) {
    return await finishOpening(client, settings, earlier, {
      requestType: type,
      resumed: true,
      alsoTell: origin.alsoTell,
    });
  }
  const queue = orDefault(stored, queueId, settings);
  if (!queue) {
    throw new SettingsProblem(
      `The queue “${queueId}” no longer exists: ask a Helpdesk admin which one to use.`,
    );
  }
  const now = Math.floor(nowMs / 1000);
  const ticket: Ticket = withServiceLevels(
    {
      id,
      key,
      ...fields,
      status: "new",
      source,
      created_at: now,
      updated_at: now,
      queue_id: queue.id,
      creation_key: creationKey,
      setup_pending: true,
      ...(type
        ? {
          request_type_id: type.id,
          request_type_name: type.name,
          ...(type.private
            ? { private: true, private_jsm: type.private_jsm ?? "internal" }
            : {}),
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
      ...(origin.requesterThread
        ? { requester_thread: origin.requesterThread }
        : {}),
      ...(origin.syncToJsm ? jsmPendingFields(now) : {}),
    },
    policyFromSettings(settings, [queue]),
    now,
  );
  // Saved before anything is shown, so that a retry finds it. Each write
  // is asked again after a passing failure (passing_failures.ts).
  const [saved, indexed] = await Promise.allSettled([
    onceMoreIfPassing(() => putTicket(client, ticket)),
    onceMoreIfPassing(() => putLookups(client, ticket)),
  ]);
  if (saved.status === "fulfilled" && indexed.status === "rejected") {
    // Saved for sure; its lookups are written by a retry or the scheduled
    // check, which finish it.
    throw new NotShownYet(ticket, indexed.reason);
  }
  if (saved.status === "rejected") {
    // Said as it is: saved (a retry finishes it) or not. Only a save that
    // failed twice gets here; a read back just after may be stale and miss
    // a save whose answer was lost (docs/platform.md, "Stale reads").
    const stored = await getTicket(client, id).catch((readError) => {
      console.warn(`${id}: not read back after a failed save`, readError);
      return undefined;
    });
    throw stored ? new NotShownYet(stored, saved.reason) : saved.reason;
  }
  return await finishOpening(client, settings, ticket, {
    queue,
    requestType: type,
    alsoTell: origin.alsoTell,
  });
}

/** A key nobody has: drawn at random, checked against ticket_lookup. */
async function unusedTicketKey(client: SlackAPIClient): Promise<string> {
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const key = newTicketKey();
    if (!await findTicketId(client, lookupByKey(key))) return key;
  }
  throw new Error(`no free ticket key after ${KEY_ATTEMPTS} draws`);
}
