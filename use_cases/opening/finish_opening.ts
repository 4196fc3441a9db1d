// The steps of opening a ticket after it is saved (see open_ticket.ts): show
// it (its card, or its approvers' DMs), record that on the ticket, then tell
// the requester. Each is skipped when a previous attempt already did it, so
// a retry, or the scheduled check for a ticket nobody retried, finishes what
// is missing and shows nothing twice.
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
  getTicket,
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
}

export async function finishOpening(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  saved: Ticket,
  known: KnownParts = {},
): Promise<OpenedTicket> {
  const link = (t: Ticket) =>
    cardLinkOf(t, settings.workspace_url) ?? settings.workspace_url;
  if (!saved.setup_pending) {
    // Done before; its lookups are written again in case they were not.
    if (known.resumed) await putLookups(client, saved);
    return { ticket: saved, cardLink: link(saved), toldRequester: false };
  }
  const ticket = { ...saved };
  // Beside showing it, so the search costs opening no round trip.
  const suggesting = startSuggesting(client, saved);
  try {
    const posted = await show(client, settings, ticket, known);
    await record(client, ticket, posted);
  } catch (error) {
    await suggesting;
    throw new NotShownYet(saved, error);
  }
  delete ticket.setup_pending;
  const cardLink = link(ticket);
  // After the record: told once, and only of a ticket that exists. A DM
  // refused for a passing reason is sent again by the scheduled check; the
  // ticket is open all the same.
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
  // Its own step, once the requester knows the ticket is open.
  await sendSuggestions(client, settings, ticket, await suggesting);
  return { ticket, cardLink, toldRequester: true };
}

/** Step 3: the card or the approvers' DMs, unless already out. */
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
  // A card posted by an attempt whose answer was lost is adopted, not
  // posted again.
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
 * Step 4. If the record fails, what step 3 posted is taken back, unless the
 * record did land (its answer lost), so a retry starts from a clean slate.
 */
async function record(
  client: SlackAPIClient,
  ticket: Ticket,
  posted: Posted[],
) {
  const shown = {
    card_channel: ticket.card_channel,
    card_ts: ticket.card_ts,
    approval_messages: ticket.approval_messages,
    setup_pending: false,
  };
  // Asked again after a passing failure: a read back may be stale.
  const [update, lookups] = await Promise.allSettled([
    onceMoreIfPassing(() => updateTicketFields(client, ticket.id, shown)),
    onceMoreIfPassing(() => putLookups(client, ticket)),
  ]);
  if (update.status === "fulfilled" && lookups.status === "fulfilled") return;
  const failure = update.status === "rejected"
    ? update.reason
    : (lookups as PromiseRejectedResult).reason;
  const stored = await getTicket(client, ticket.id).catch((error) => {
    console.warn(`${ticket.key}: not read back after a failed record`, error);
    return undefined;
  });
  const landed = stored !== undefined &&
    stored.card_ts === ticket.card_ts &&
    (stored.approval_messages?.length ?? 0) ===
      (ticket.approval_messages?.length ?? 0);
  if (landed) {
    // Shown and recorded; only the lookups are missing: setup stays pending
    // so that a retry or the scheduled check writes them.
    await updateTicketFields(client, ticket.id, { setup_pending: true })
      .catch((error) =>
        console.warn(`${ticket.key}: setup not marked pending`, error)
      );
  } else if (stored) {
    await deleteMessages(client, posted);
  }
  throw failure;
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

async function deleteMessages(client: SlackAPIClient, messages: Posted[]) {
  await Promise.allSettled(
    messages.map((m) =>
      slackCall(client, "chat.delete", { channel: m.channel, ts: m.ts })
    ),
  );
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
