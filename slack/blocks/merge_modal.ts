// The "Merge into…" and "Link related…" modals (which other ticket, by key
// or from the queue's open tickets that look alike) and "Unmerge…" (which
// merged ticket to take back out). Summaries are people's words: shown as
// plain text, cut to what an option holds.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { KEY_PREFIX } from "../../helpdesk/tickets/ticket_ids.ts";
import { plainWithin } from "./mrkdwn.ts";
import { ticketMetadata } from "./modal_metadata.ts";
import type { ViewState } from "./view_state.ts";

export const OTHER_KEY_BLOCK = "other_key";
export const ALIKE_BLOCK = "alike_ticket";
export const MERGED_BLOCK = "merged_ticket";

/** Slack: a static select takes at most 100 options, each label 75 characters. */
const OPTION_TEXT = 75;

export type PairKind = "merge" | "link";

const WORDS: Record<PairKind, { title: string; submit: string; lead: string }> =
  {
    merge: {
      title: "Merge",
      submit: "Merge",
      lead:
        "closes as a duplicate of the ticket you choose. Its requester follows that ticket from then on, and its thread gets this ticket's summary and description. You can unmerge while the kept ticket is open.",
    },
    link: {
      title: "Link related",
      submit: "Link",
      lead:
        "and the ticket you choose name each other as related. Nothing closes.",
    },
  };

function option(ticket: Pick<Ticket, "key" | "summary" | "private">) {
  const label = ticket.private
    ? `${ticket.key}: private request`
    : `${ticket.key}: ${ticket.summary}`;
  return {
    text: { type: "plain_text", text: plainWithin(label, OPTION_TEXT) },
    value: ticket.key,
  } satisfies PlainTextOption;
}

export function pairModal(
  kind: PairKind,
  ticket: Ticket,
  alike: readonly Ticket[],
  callbackId: string,
): ModalView {
  const words = WORDS[kind];
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*${ticket.key}* ${words.lead}` },
    },
    {
      type: "input",
      block_id: OTHER_KEY_BLOCK,
      optional: true,
      label: {
        type: "plain_text",
        text: kind === "merge" ? "Ticket to keep" : "Related ticket",
      },
      hint: { type: "plain_text", text: `Its key, e.g. ${KEY_PREFIX}-7K3QX2` },
      element: {
        type: "plain_text_input",
        action_id: OTHER_KEY_BLOCK,
        max_length: 20,
      },
    },
  ];
  if (alike.length) {
    blocks.push({
      type: "input",
      block_id: ALIKE_BLOCK,
      optional: true,
      label: { type: "plain_text", text: "Or one that looks alike" },
      element: {
        type: "static_select",
        action_id: ALIKE_BLOCK,
        placeholder: { type: "plain_text", text: "Open tickets of its queue" },
        options: alike.slice(0, 100).map(option),
      },
    });
  }
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: `${words.title} ${ticket.key}` },
    submit: { type: "plain_text", text: words.submit },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

export function unmergeModal(ticket: Ticket, callbackId: string): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: ticketMetadata(ticket.id),
    title: { type: "plain_text", text: `Unmerge from ${ticket.key}` },
    submit: { type: "plain_text", text: "Unmerge" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            `The ticket you choose opens again on its own, and its requester stops following *${ticket.key}*.`,
        },
      },
      {
        type: "input",
        block_id: MERGED_BLOCK,
        label: { type: "plain_text", text: "Merged ticket" },
        element: {
          type: "static_select",
          action_id: MERGED_BLOCK,
          options: (ticket.merged_from ?? []).slice(0, 100).map((key) => ({
            text: { type: "plain_text", text: key },
            value: key,
          })),
        },
      },
    ],
  };
}

/**
 * The key typed (trimmed, upper case) or else the one chosen; "" when
 * neither. Whether it names a ticket is for the use case to find out.
 */
export function otherKeyFrom(state: ViewState): string {
  const typed = state.text(OTHER_KEY_BLOCK).trim().toUpperCase();
  return typed || state.choice(ALIKE_BLOCK) || "";
}

export function mergedKeyFrom(state: ViewState): string {
  return state.choice(MERGED_BLOCK) ?? "";
}
