// The "Move…" modal: which queue the ticket goes to. The queues are listed
// by name (an admin's words, shown as plain text, so nothing in them is
// read as markup); the ticket's own queue is not offered.
import type { ModalView, PlainTextOption } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { escapeMrkdwn, plainWithin } from "./mrkdwn.ts";
import { ticketMetadata } from "./modal_metadata.ts";
import type { ViewState } from "./view_state.ts";

export const TARGET_BLOCK = "target_queue";

/** A static select takes at most 100 options. */
const MAX_QUEUES = 100;

export function moveModal(
  ticket: Ticket,
  from: Queue,
  queues: readonly Queue[],
  callbackId: string,
): ModalView {
  const options = [...queues]
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_QUEUES)
    .map((queue): PlainTextOption => ({
      text: { type: "plain_text", text: plainWithin(queue.name, 75) },
      value: queue.id,
    }));
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: `Move ${ticket.key}` },
    submit: { type: "plain_text", text: "Move" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${ticket.key}* is in the *${
            escapeMrkdwn(from.name)
          }* queue. Its card goes to the new queue's triage channel, the old card says where it went, and the requester is told.`,
        },
      },
      {
        type: "input",
        block_id: TARGET_BLOCK,
        label: { type: "plain_text", text: "Move it to" },
        hint: {
          type: "plain_text",
          text:
            "Its assignee keeps it only if they work that queue too; otherwise it waits there unassigned.",
        },
        element: {
          type: "static_select",
          action_id: TARGET_BLOCK,
          placeholder: { type: "plain_text", text: "Choose a queue" },
          options,
        },
      },
    ],
  };
}

export function targetQueueFrom(state: ViewState): string | undefined {
  return state.choice(TARGET_BLOCK);
}
