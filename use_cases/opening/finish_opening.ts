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
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  approversOf,
  DEFAULT_APPROVERS,
  type RequestType,
} from "../../helpdesk/request_types/request_type.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { getQueue, getRequestType } from "../../slack/storage/queue_store.ts";
import {
  putLookups,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  cardLinkOf,
  messageLink,
  ticketOpenedDm,
} from "../../slack/blocks/ticket_messages.ts";
import {
  approvalRequestBlocks,
  approvalRequestText,
  waitingForApprovalDm,
} from "../../slack/blocks/request_messages.ts";
import {
  findPostedCard,
  postTicketCard,
} from "../../slack/workspace/triage_card.ts";
import { sendPrivateDetails } from "./private_details.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { dmEach, type Posted } from "../../slack/workspace/direct_messages.ts";
import {
  type OutboxMessage,
  sendOrKeep,
} from "../../slack/workspace/outbox.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";
import { sendSuggestions, startSuggesting } from "./solved_suggestions.ts";

export class NotConfiguredError extends Error {
  constructor() {
    super(NOT_CONFIGURED);
  }
}

/** A problem an admin must fix in Helpdesk's settings; said as is. */
export class SettingsProblem extends Error {}

/**
 * The ticket is saved, but showing it failed part-way: submitting again, or
 * Helpdesk's next scheduled check, finishes it.
 */
export class NotShownYet extends Error {
  constructor(readonly ticket: Ticket, override readonly cause: unknown) {
    super(
      `${ticket.key} is saved but not shown yet: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = "NotShownYet";
  }
}

export interface OpenedTicket {
  ticket: Ticket;
  /** The card, or the requester's DM while the request awaits approval. */
  cardLink: string;
  /** This call told the requester (false when an earlier attempt had). */
  toldRequester: boolean;
}

export interface KnownParts {
  queue?: Queue;
  requestType?: RequestType;
  /** The ticket was saved by an earlier attempt, which may have shown it. */
  resumed?: boolean;
  /** More to say once it is open, along with the requester's DM. */
  alsoTell?: (opened: { ticket: Ticket; cardLink: string }) => OutboxMessage[];
  /** More lookups of the ticket, written with its own (putLookups). */
  alsoIndex?: readonly string[];
  /** The search for solved tickets to suggest, if started already. */
  suggesting?: Promise<Ticket[]>;
}

/** A saved ticket, not or not wholly shown, finished. */
export async function finishOpening(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  saved: Ticket,
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
    !toldBefore,
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

/** The card or the approvers' DMs, unless already out. */
async function show(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  known: KnownParts,
): Promise<Posted[]> {
  if (ticket.card_ts || ticket.approval_messages?.length) return [];
  const queue = known.queue ??
    await getQueue(client, ticket.queue_id, settings);
  if (!queue) {
    throw new SettingsProblem(
      `The queue of ${ticket.key} no longer exists: ask a Helpdesk admin which one to use.`,
    );
  }
  if (ticket.approval === "pending") {
    const type = known.requestType ??
      (ticket.request_type_id
        ? await getRequestType(client, ticket.request_type_id)
        : undefined);
    return await askApprovers(client, settings, queue, ticket, type);
  }
  // A card posted by an attempt that did not record it (its answer lost,
  // or its record failed) is adopted, not posted again.
  const earlier = known.resumed
    ? await findPostedCard(client, ticket, queue.triage_channel)
    : undefined;
  if (earlier) {
    ticket.card_channel = earlier.channel;
    ticket.card_ts = earlier.ts;
    return [];
  }
  return await toTriage(client, settings, queue, ticket);
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
  now = Math.floor(Date.now() / 1000),
): Promise<Posted[]> {
  const [card, agents] = await Promise.all([
    postCardOnce(client, settings, ticket, now, queue.triage_channel),
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

/**
 * The card, posted once: after a passing failure (which may have posted
 * it, its answer lost) Helpdesk looks for it in the channel, and posts
 * again only when it is not there.
 */
async function postCardOnce(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  now: number,
  channel: string,
): Promise<Posted> {
  try {
    return await postTicketCard(client, settings, ticket, now, channel);
  } catch (error) {
    if (!isPassing(error)) throw error;
    const found = await findPostedCard(client, ticket, channel);
    return found ??
      await postTicketCard(client, settings, ticket, now, channel);
  }
}

/** DMs each approver the request with Approve and Deny. */
async function askApprovers(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  ticket: Ticket,
  type: RequestType | undefined,
): Promise<Posted[]> {
  if (!settings.action_trigger_url) throw new NotConfiguredError();
  const directory = new QueueDirectory(
    client,
    queue,
    ticket.requester,
    // A type removed since leaves its tickets to the superusers.
    type ? approversOf(type) : DEFAULT_APPROVERS,
  );
  const approvers = await directory.peopleOf(directory.approverPrincipals());
  if (approvers.length === 0) {
    throw new SettingsProblem(
      `Nobody can approve “${
        type?.name ?? ticket.request_type_name
      }” requests yet: ask an admin of the ${queue.name} queue to set its superusers or the type's approvers.`,
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

/** Messages taken back, as far as Slack lets them go. */
export async function deleteMessages(
  client: SlackAPIClient,
  messages: Posted[],
) {
  await Promise.allSettled(
    messages.map((m) =>
      slackCall(client, "chat.delete", { channel: m.channel, ts: m.ts })
    ),
  );
}

/**
 * A call that failed this way may have been carried out (its answer lost):
 * anything but Slack's refusal with a reason (a rate limit is not carried
 * out, says Slack's rate-limit guide).
 */
export function mayHaveLanded(error: unknown): boolean {
  return !(error instanceof SlackCallError) || isPassing(error) ||
    /^http_5/.test(error.code);
}

/**
 * A ticket saved but not shown, told to someone who cannot take the same
 * step again (a Workflow Builder run: running it again is a new run, and
 * would open another ticket). The scheduled check finishes it, so there is
 * nothing to ask of them, unless an admin must fix a setting first.
 */
export function savedNotShownYet(error: NotShownYet): string {
  const cause = error.cause;
  const key = error.ticket.key;
  // Something to fix first (a permission, an invite, a setting): said as
  // for any opening; running the workflow again then finds this ticket.
  if (!isPassing(cause)) {
    if (cause instanceof SlackCallError || cause instanceof SettingsProblem) {
      return openingFailure(error, "");
    }
  }
  const why = cause instanceof SlackCallError
    ? ` (Slack refused ${cause.method}: ${cause.code})`
    : "";
  return `${key} is saved, but Helpdesk couldn't post it to the agents yet${why}. Helpdesk finishes it at its next scheduled check, within 15 minutes: there is nothing you need to do, and you'll get a DM once it is posted.`;
}

/**
 * What to tell the person when opening failed, true to what exists: a
 * ticket saved but not shown is named, with how it gets finished.
 */
export function openingFailure(error: unknown, retry: string): string {
  const cause = error instanceof NotShownYet ? error.cause : error;
  // Settings problems are plain text with names people typed: escaped, as
  // what this returns is mrkdwn (a form shows it through formError).
  const why =
    cause instanceof SettingsProblem || cause instanceof NotConfiguredError
      ? escapeMrkdwn(cause.message)
      : explainFailure(cause);
  return error instanceof NotShownYet
    ? `${error.ticket.key} is saved, but Helpdesk couldn't post it yet. ${why} ${retry} Helpdesk also finishes it at its next scheduled check.`
    : `Helpdesk couldn't open the ticket. ${why} ${retry}`;
}
