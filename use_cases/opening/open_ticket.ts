// Opening a ticket, shared by every surface that creates one (the request
// form, the Workflow Builder step, the :ticket: reaction). A creation can
// fail half-way and be tried again (the form submitted again, another
// reaction on the message), so the ticket has an id derived from what Slack
// gives again on a retry (its creation key), and three round trips of
// Slack calls open it:
//   1. settings, the queue, a free key, and any ticket this creation already
//      saved (at once; a caller may start them earlier, with its own reads)
//   2. the ticket and its lookups saved (setup_pending), and its card
//      posted with the ticket's id in its metadata, at once
//   3. the card recorded (setup_pending off) and the requester's DM, at
//      once (finish_opening.ts, which a retry and the scheduled check use)
// What each order of writes guarantees is in docs/architecture.md ("Which
// order of writes gives which guarantee"). A retry that finds the ticket
// finishes what is missing and never makes a second ticket or card.
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
import { findPostedCard } from "../../slack/workspace/triage_card.ts";
import { type SearchedFor, startSuggesting } from "./solved_suggestions.ts";
import type { Posted } from "../../slack/workspace/direct_messages.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { policyFromSettings } from "../../helpdesk/tickets/service_level_settings.ts";
import { pendingApprovalFields } from "../../helpdesk/tickets/approval.ts";
import type { RequestTypeRules } from "../../helpdesk/request_types/request_type.ts";
import type { Answer } from "../../helpdesk/request_types/form_fields.ts";
import {
  finishOpening,
  type KnownParts,
  type OpenedTicket,
  recordAndTell,
} from "./finish_opening.ts";
import {
  MaybeSaved,
  mayHaveLanded,
  NotConfiguredError,
  NotShownYet,
  SettingsProblem,
} from "./opening_failures.ts";
import {
  deleteMessages,
  show as showWhole,
  showCard,
  type Showing,
} from "./ticket_showing.ts";

export { NotConfiguredError, NotShownYet, type OpenedTicket, SettingsProblem };

/** Where a ticket comes from besides its fields. */
export interface TicketOrigin {
  /**
   * What a retry of this creation brings again (creationKeys in
   * helpdesk/tickets/ticket_ids.ts). Without one, the creation can't be
   * recognised when retried.
   */
  creationKey?: string;
  /** Reads already started for the creation key (see startOpening). */
  started?: StartedOpening;
  /**
   * A ticket the same request made before, found by the caller another way
   * (a Workflow Builder step run again): finished instead of a new one.
   */
  sameRequest?: Promise<Ticket | undefined>;
  /** JSM is set up: queue the ticket for sync before anything can fail. */
  syncToJsm?: boolean;
  queueId?: string;
  requestType?: RequestTypeRules;
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
  alsoIndex?: KnownParts["alsoIndex"];
}

/** What opening reads of its creation, started by a caller with its own. */
export interface StartedOpening {
  creationKey: string;
  id: Promise<string>;
  key: Promise<string>;
  earlier: Promise<Ticket | undefined>;
  /** The search for solved tickets to suggest, when the caller knew enough. */
  suggesting?: Promise<Ticket[]>;
}

/**
 * Starts the reads of a creation that don't depend on the caller's: a free
 * key, any ticket the creation already saved, and (given what it is about)
 * the search for solved tickets like it, to suggest once it is open. Their
 * failures surface where openTicket awaits them (or nowhere, when it is not
 * called; the search never fails).
 */
export function startOpening(
  client: SlackAPIClient,
  creationKey: string,
  about?: Omit<SearchedFor, "id">,
): StartedOpening {
  const id = ticketIdFor(creationKey);
  const key = unusedTicketKey(client);
  const earlier = id.then((id) => getTicket(client, id));
  key.catch(() => {});
  earlier.catch(() => {});
  return {
    creationKey,
    id,
    key,
    earlier,
    ...(about
      ? {
        suggesting: id.then((id) => startSuggesting(client, { id, ...about })),
      }
      : {}),
  };
}

const KEY_ATTEMPTS = 5;

/** A new ticket, shown by its card or, awaiting approval, its approvers' DMs. */
export function openTicket(
  client: SlackAPIClient,
  fields: NewTicketFields,
  source: Source,
  nowMs = Date.now(),
  origin: TicketOrigin = {},
): Promise<OpenedTicket> {
  return openShown(showWhole, client, fields, source, nowMs, origin);
}

/**
 * A new ticket without a request type (a :ticket: reaction's), which is
 * never private and never awaits approval: shown by its card alone, so that
 * its bundle leaves the private details' and the approvers' DMs out
 * (showCard in ticket_showing.ts).
 */
export function openUntypedTicket(
  client: SlackAPIClient,
  fields: NewTicketFields,
  source: Source,
  nowMs = Date.now(),
  origin: Omit<TicketOrigin, "requestType"> = {},
): Promise<OpenedTicket> {
  return openShown(showCard, client, fields, source, nowMs, origin);
}

async function openShown(
  show: Showing,
  client: SlackAPIClient,
  fields: NewTicketFields,
  source: Source,
  nowMs: number,
  origin: TicketOrigin,
): Promise<OpenedTicket> {
  const type = origin.requestType;
  const queueId = type?.queue_id ?? origin.queueId;
  // Solved tickets like it, for the requester once it is open: looked for
  // alongside the reads, so the search costs opening no round trip.
  const about = {
    requester: fields.requester,
    queue_id: queueId ?? DEFAULT_QUEUE_ID,
    summary: fields.summary,
    description: fields.description,
    ...(type?.needs_approval ? { approval: "pending" as const } : {}),
  };
  const started = origin.started ?? startOpening(
    client,
    origin.creationKey ?? `once:${crypto.randomUUID()}`,
    about,
  );
  const { creationKey } = started;
  const suggesting = started.suggesting ??
    started.id.then((id) => startSuggesting(client, { id, ...about }));
  const [id, settings, key, stored, earlier, same] = await Promise.all([
    started.id,
    origin.settings ?? getSettings(client),
    started.key,
    origin.queue ?? findStoredQueue(client, queueId ?? DEFAULT_QUEUE_ID),
    started.earlier,
    origin.sameRequest,
  ]).catch(async (error) => {
    await suggesting;
    throw error;
  });
  if (!settings) {
    await suggesting;
    throw new NotConfiguredError();
  }
  // Tried before: the ticket as first saved is finished, not made again.
  const tried = earlier ?? same;
  if (tried) {
    return await finishOpening(client, settings, tried, show, {
      requestType: type,
      resumed: true,
      alsoTell: origin.alsoTell,
      alsoIndex: origin.alsoIndex,
      suggesting,
    });
  }
  const queue = orDefault(stored, queueId, settings);
  if (!queue) {
    await suggesting;
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
  return await saveAndShow(client, settings, ticket, show, {
    queue,
    requestType: type,
    alsoTell: origin.alsoTell,
    alsoIndex: origin.alsoIndex,
    suggesting,
  });
}

/**
 * A new ticket saved and its card posted at once, then the card recorded
 * and the requester told at once (finish_opening.ts). A card posted for a
 * save that failed is taken back. A request that needs approval is saved
 * first: its approvers' DMs can't be found again by a retry (Helpdesk reads
 * no DMs), so they are sent only for a ticket that exists.
 */
async function saveAndShow(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  show: Showing,
  known: KnownParts & { queue: Queue; suggesting: Promise<Ticket[]> },
): Promise<OpenedTicket> {
  const { suggesting } = known;
  if (ticket.approval === "pending") {
    await saveNew(client, ticket, known.alsoIndex).catch(async (error) => {
      await suggesting;
      throw error;
    });
    return await finishOpening(client, settings, ticket, show, known);
  }
  // The card's fields go on a copy: the save writes the ticket as it is.
  const shown = { ...ticket };
  const [saved, posted] = await Promise.allSettled([
    saveNew(client, ticket, known.alsoIndex),
    // Shown as the way given shows it: a new ticket, so its card.
    show(client, settings, shown, known),
  ]);
  if (saved.status === "rejected" || posted.status === "rejected") {
    await suggesting;
  }
  if (saved.status === "rejected") {
    // No ticket: nothing may show one, so the card is taken back, even one
    // whose answer was lost (found by its metadata).
    const card = posted.status === "fulfilled"
      ? posted.value
      : mayHaveLanded(posted.reason)
      ? await lostCard(client, ticket, known.queue.triage_channel)
      : [];
    await deleteMessages(client, card);
    throw saved.reason;
  }
  // Saved, not shown: a retry or the scheduled check posts the card, or
  // adopts the one whose answer was lost.
  if (posted.status === "rejected") {
    throw new NotShownYet(ticket, posted.reason);
  }
  return await recordAndTell(client, settings, shown, known, suggesting);
}

async function lostCard(
  client: SlackAPIClient,
  ticket: Ticket,
  channel: string,
): Promise<Posted[]> {
  const found = await findPostedCard(client, ticket, channel).catch(
    (error) => {
      console.warn(`${ticket.id}: a lost card not looked for`, error);
      return undefined;
    },
  );
  return found ? [found] : [];
}

/**
 * The new ticket and its lookups. A save that failed twice may still have
 * landed (its answers lost): read back, it counts as saved (a read just
 * after may be stale and miss it: then the person hears that Helpdesk
 * can't tell, MaybeSaved, and the card is taken back). Lookups that fail are written again with
 * the card's (recordAndTell), or by whoever finishes the ticket.
 */
async function saveNew(
  client: SlackAPIClient,
  ticket: Ticket,
  alsoIndex: readonly string[] | undefined,
) {
  // Each asked again after a passing failure (passing_failures.ts).
  const [put, indexed] = await Promise.allSettled([
    onceMoreIfPassing(() => putTicket(client, ticket)),
    onceMoreIfPassing(() => putLookups(client, ticket, alsoIndex)),
  ]);
  if (indexed.status === "rejected") {
    console.warn(`${ticket.key}: lookups not written yet`, indexed.reason);
  }
  if (put.status === "fulfilled") return;
  const stored = await getTicket(client, ticket.id).catch((readError) => {
    console.warn(`${ticket.id}: not read back after a failed save`, readError);
    return undefined;
  });
  // Not found: not saved, unless the failure may have landed it (then a
  // stale read can't tell), said as such.
  if (!stored) {
    throw mayHaveLanded(put.reason)
      ? new MaybeSaved(ticket, put.reason)
      : put.reason;
  }
}

/** A key nobody has: drawn at random, checked against ticket_lookup. */
async function unusedTicketKey(client: SlackAPIClient): Promise<string> {
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const key = newTicketKey();
    if (!await findTicketId(client, lookupByKey(key))) return key;
  }
  throw new Error(`no free ticket key after ${KEY_ATTEMPTS} draws`);
}
