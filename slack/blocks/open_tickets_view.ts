// "Open tickets": the open tickets of the queues the person works, one line
// each (key linked to its card, summary, queue, status, priority, assignee,
// next SLA deadline), in the order they pick, a page at a time. Only the
// queues' agents see it, in a modal nobody else sees, so a private request's
// summary is shown (marked as private).
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { PRIORITY_LABELS, type Ticket } from "../../helpdesk/tickets/model.ts";
import {
  nextDeadline,
  type Page,
  QUEUE_ORDER_LABELS,
  QUEUE_ORDERS,
  type QueueOrder,
} from "../../helpdesk/tickets/ticket_lists.ts";
import {
  escapeMrkdwn,
  escapeMrkdwnWithin,
  slackDateTime,
  userMention,
} from "./mrkdwn.ts";
import { statusLine } from "./ticket_card.ts";
import { cardLinkOf } from "./ticket_messages.ts";
import { listFrame, note, pageButtons, pageCount } from "./list_modal.ts";

export const OPEN_TICKETS_VIEW = "open_tickets";
export const OPEN_TICKETS_TITLE = "Open tickets";
/** One block a ticket, plus four around them: under a modal's 100. */
export const OPEN_TICKETS_PAGE_SIZE = 45;
export const OPEN_TICKETS_ACTION = "open_tickets";
export const ORDER_ACTION = `${OPEN_TICKETS_ACTION}_order`;

export interface OpenTicketsContext {
  order: QueueOrder;
  /** Queue names by id, for the ones the person works. */
  queueNames: ReadonlyMap<string, string>;
  workspaceUrl: string;
  now: number;
}

export function openTicketsModal(
  page: Page<Ticket>,
  context: OpenTicketsContext,
): ModalView {
  const queues = [...context.queueNames.values()].map((name) =>
    `*${escapeMrkdwn(name)}*`
  ).join(", ");
  const blocks: KnownBlock[] = [
    note(
      `${page.total} open ${
        page.total === 1 ? "ticket" : "tickets"
      } in ${queues}${pageCount(page)}.`,
    ),
    orderPicker(context.order),
    ...page.items.map((ticket) => row(ticket, context)),
  ];
  if (page.total === 0) {
    blocks.push(note("Nothing open: every ticket has an answer."));
  }
  const more = pageButtons(`${OPEN_TICKETS_ACTION}_page`, page);
  if (more) blocks.push(more);
  return listFrame(
    OPEN_TICKETS_VIEW,
    OPEN_TICKETS_TITLE,
    { page: page.page, order: context.order },
    blocks,
  );
}

/** For someone who works no queue: nothing to list, and why. */
export function noQueuesModal(): ModalView {
  return listFrame(OPEN_TICKETS_VIEW, OPEN_TICKETS_TITLE, { page: 0 }, [{
    type: "section",
    text: {
      type: "mrkdwn",
      text:
        "Open tickets lists the tickets of the queues you work, and you are not an agent of any. *My tickets* lists the ones you opened.",
    },
  }]);
}

function orderPicker(order: QueueOrder): KnownBlock {
  const option = (o: QueueOrder): PlainTextOption => ({
    text: { type: "plain_text", text: QUEUE_ORDER_LABELS[o] },
    value: o,
  });
  return {
    type: "actions",
    block_id: "order",
    elements: [{
      type: "static_select",
      action_id: ORDER_ACTION,
      options: QUEUE_ORDERS.map(option),
      initial_option: option(order),
    }],
  };
}

function row(ticket: Ticket, context: OpenTicketsContext): KnownBlock {
  const link = cardLinkOf(ticket, context.workspaceUrl);
  const key = link ? `<${link}|${ticket.key}>` : ticket.key;
  const queue = context.queueNames.get(ticket.queue_id ?? "default");
  const facts = [
    ...(queue ? [escapeMrkdwn(queue)] : []),
    ticket.approval === "pending"
      ? ":hourglass_flowing_sand: Waiting for approval"
      : statusLine(ticket),
    `${PRIORITY_LABELS[ticket.priority]} priority`,
    ticket.assignee ? userMention(ticket.assignee) : "_Unassigned_",
    deadline(ticket, context.now),
  ];
  const lock = ticket.private ? ":lock: " : "";
  return {
    type: "section",
    block_id: `ticket_${ticket.id}`,
    text: {
      type: "mrkdwn",
      text: `*${key}* · ${lock}${escapeMrkdwnWithin(ticket.summary, 200)}\n${
        facts.join(" · ")
      }`,
    },
  };
}

function deadline(ticket: Ticket, now: number): string {
  if (ticket.status === "waiting_on_requester") return "SLA paused";
  const due = nextDeadline(ticket);
  if (due === undefined) return "no SLA deadline";
  const what = ticket.first_response_at === undefined &&
      due === ticket.response_due_at
    ? "first response"
    : "resolution";
  return due <= now
    ? `:rotating_light: ${what} overdue since ${slackDateTime(due)}`
    : `${what} due ${slackDateTime(due)}`;
}
