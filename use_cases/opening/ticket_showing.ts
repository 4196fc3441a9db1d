// Showing a saved ticket: its card in the queue's triage channel (with a
// private request's details to the agents by DM), or, while it awaits
// approval, its approvers' DMs. A card posted by an earlier attempt is
// adopted, never posted twice. What was posted is returned, for undoing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  approversOf,
  DEFAULT_APPROVERS,
  type RequestTypeRules,
} from "../../helpdesk/request_types/request_type.ts";
import {
  getQueue,
  getRequestTypeRules,
} from "../../slack/storage/queue_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { messageLink } from "../../slack/blocks/ticket_messages.ts";
import {
  approvalRequestBlocks,
  approvalRequestText,
} from "../../slack/blocks/request_messages.ts";
import {
  findPostedCard,
  postTicketCard,
  redrawTicketCard,
} from "../../slack/workspace/triage_card.ts";
import { sendPrivateDetails } from "./private_details.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { dmEach, type Posted } from "../../slack/workspace/direct_messages.ts";
import { NotConfiguredError, SettingsProblem } from "./opening_failures.ts";

/** What the caller knows already, so it is not read again. */
export interface ShowingParts {
  queue?: Queue;
  requestType?: RequestTypeRules;
  /** The ticket was saved by an earlier attempt, which may have shown it. */
  resumed?: boolean;
}

/** How a saved ticket is shown; what was posted is returned, for undoing. */
export type Showing = (
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  known: ShowingParts,
) => Promise<Posted[]>;

/** The card or the approvers' DMs, unless already out. */
export function show(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  known: ShowingParts,
): Promise<Posted[]> {
  return showAs(client, settings, ticket, known, {
    askApprovers,
    post: toTriage,
  });
}

/**
 * The card alone, unless already out: for openings without a request type
 * (a :ticket: reaction's), whose tickets are never private and never await
 * approval, so that their bundle leaves out the private details' and the
 * approvers' DMs. Such a ticket all the same stays saved and not shown, for
 * the scheduled check, which shows it whole.
 */
export function showCard(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  known: ShowingParts,
): Promise<Posted[]> {
  const refuse = (what: string) => {
    throw new Error(
      `${ticket.key} ${what}: only an opening with its request type shows it`,
    );
  };
  return showAs(client, settings, ticket, known, {
    askApprovers: () => refuse("awaits approval"),
    post: async (client, settings, queue, ticket) => {
      if (ticket.private) refuse("is private");
      const now = Math.floor(Date.now() / 1000);
      const card = await postCardOnce(
        client,
        settings,
        ticket,
        now,
        queue.triage_channel,
      );
      ticket.card_channel = card.channel;
      ticket.card_ts = card.ts;
      return [card];
    },
  });
}

/** How a way of showing asks for approval, and how it posts the card. */
interface ShowingWays {
  askApprovers: typeof askApprovers;
  post: typeof toTriage;
}

async function showAs(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  known: ShowingParts,
  ways: ShowingWays,
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
    return await ways.askApprovers(
      client,
      settings,
      queue,
      ticket,
      known.requestType,
    );
  }
  // A card posted by an attempt that did not record it (its answer lost,
  // or its record failed) is adopted, not posted again.
  const earlier = known.resumed
    ? await findPostedCard(client, ticket, queue.triage_channel)
    : undefined;
  if (earlier) {
    ticket.card_channel = earlier.channel;
    ticket.card_ts = earlier.ts;
    // Worked since it was posted (its buttons, or the requester's DM, act
    // on the saved ticket while its card is unrecorded, and such a change
    // can't redraw a card it does not know): shown as it is now.
    if (ticket.history?.length) {
      const now = Math.floor(Date.now() / 1000);
      await redrawTicketCard(client, settings, ticket, now);
    }
    return [];
  }
  return await ways.post(client, settings, queue, ticket);
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
  known: RequestTypeRules | undefined,
): Promise<Posted[]> {
  const type = known ??
    (ticket.request_type_id
      ? await getRequestTypeRules(client, ticket.request_type_id)
      : undefined);
  if (!settings.action_trigger_url) throw new NotConfiguredError();
  const directory = new QueueDirectory(
    client,
    queue,
    ticket.requester,
    // A type removed since leaves its tickets to the superusers.
    type ? approversOf(type) : DEFAULT_APPROVERS,
  );
  const approvers = await directory.peopleOf(directory.approverPrincipals());
  const nobody = () =>
    new SettingsProblem(
      `Nobody can approve “${
        type?.name ?? ticket.request_type_name
      }” requests yet: ask an admin of the ${queue.name} queue to set its superusers or the type's approvers.`,
    );
  if (approvers.length === 0) throw nobody();
  const { posted, failures } = await dmEach(client, approvers, {
    text: approvalRequestText(ticket),
    blocks: approvalRequestBlocks(
      ticket,
      queue.name,
      settings.action_trigger_url,
    ),
  });
  // No failure and nobody asked: every approver was a bot (dmEach).
  if (posted.length === 0) throw failures[0] ?? nobody();
  ticket.approval_messages = posted.map((p) => `${p.channel}:${p.ts}`);
  return posted;
}

/**
 * Messages taken back, as far as Slack lets them go: each asked again after
 * a passing failure, as a card left of a ticket never saved has buttons
 * that say it does not exist, and nothing finds it again.
 */
export async function deleteMessages(
  client: SlackAPIClient,
  messages: Posted[],
) {
  await Promise.allSettled(
    messages.map((m) =>
      onceMoreIfPassing(() =>
        slackCall(client, "chat.delete", { channel: m.channel, ts: m.ts })
      )
    ),
  );
}
